package io.customersegments.clustering;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.Clusterer;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.distance.EuclideanDistance;

import io.customersegments.clustering.InvalidClusteringInputException.Reason;

/**
 * {@link KMeans} as a Commons Math {@link Clusterer}, a drop-in for {@code KMeansPlusPlusClusterer}
 * (Euclidean distance only). The clusters come in the {@link KMeansResult} numbering (descending
 * size, ties by centroid); each keeps its points in input order.
 *
 * @param <T> the type of points
 */
public final class KMeansClusterer<T extends Clusterable> extends Clusterer<T> {

    private final KMeansOptions options;

    private final long seed;

    public KMeansClusterer(KMeansOptions options, long seed) {
        super(new EuclideanDistance());
        this.options = options;
        this.seed = seed;
    }

    public KMeansOptions options() {
        return this.options;
    }

    /**
     * Clusters the points (all of one dimension, finite).
     *
     * @throws InvalidClusteringInputException when the points cannot be clustered into k clusters
     */
    @Override
    public List<CentroidCluster<T>> cluster(Collection<T> points) {
        List<T> rows = new ArrayList<>(points);
        int n = rows.size();
        if (n == 0) {
            throw new InvalidClusteringInputException(Reason.SHAPE_MISMATCH, "there are no points to cluster");
        }
        int d = rows.get(0).getPoint().length;
        double[] data = new double[n * d];
        for (int i = 0; i < n; i++) {
            double[] point = rows.get(i).getPoint();
            if (point.length != d) {
                throw new InvalidClusteringInputException(Reason.SHAPE_MISMATCH,
                        "point " + i + " has " + point.length + " coordinates but point 0 has " + d);
            }
            System.arraycopy(point, 0, data, i * d, d);
        }
        KMeansResult result = KMeans.fit(data, n, d, this.options, this.seed);
        List<CentroidCluster<T>> clusters = new ArrayList<>(result.k());
        for (int c = 0; c < result.k(); c++) {
            clusters.add(new CentroidCluster<>(new DoublePoint(result.centroid(c))));
        }
        for (int i = 0; i < n; i++) {
            clusters.get(result.labels()[i]).addPoint(rows.get(i));
        }
        return clusters;
    }

}
