package io.customersegments.clustering;

import java.util.List;

import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.evaluation.ClusterEvaluator;
import org.apache.commons.math3.ml.distance.EuclideanDistance;

import io.customersegments.clustering.InvalidClusteringInputException.Reason;

/**
 * The mean {@link Silhouette} (Euclidean, scikit-learn's definition) as a Commons Math
 * {@link ClusterEvaluator}: larger scores are better. Rows are numbered by concatenating the clusters'
 * points in list order, which is what {@link SilhouetteResult#rows()} refers to.
 *
 * @param <T> the type of points
 */
public final class SilhouetteEvaluator<T extends Clusterable> extends ClusterEvaluator<T> {

    private final SilhouetteOptions options;

    private final long seed;

    /** Exact up to 20,000 points, sampled above with seed 0. */
    public SilhouetteEvaluator() {
        this(SilhouetteOptions.defaults(), 0L);
    }

    public SilhouetteEvaluator(SilhouetteOptions options, long seed) {
        super(new EuclideanDistance());
        this.options = options;
        this.seed = seed;
    }

    /** The mean silhouette of the clusters (at least two non-empty). */
    @Override
    public double score(List<? extends Cluster<T>> clusters) {
        return evaluate(clusters).mean();
    }

    /** Prefers the larger silhouette. */
    @Override
    public boolean isBetterScore(double score1, double score2) {
        return score1 > score2;
    }

    /** The full silhouette result of the clusters (at least two non-empty). */
    public SilhouetteResult evaluate(List<? extends Cluster<T>> clusters) {
        int n = 0;
        int d = -1;
        for (Cluster<T> cluster : clusters) {
            for (T point : cluster.getPoints()) {
                if (d < 0) {
                    d = point.getPoint().length;
                }
                n++;
            }
        }
        if (n == 0) {
            throw new InvalidClusteringInputException(Reason.SHAPE_MISMATCH, "the clusters hold no points");
        }
        double[] data = new double[n * d];
        int[] labels = new int[n];
        int row = 0;
        for (int c = 0; c < clusters.size(); c++) {
            for (T point : clusters.get(c).getPoints()) {
                double[] coordinates = point.getPoint();
                if (coordinates.length != d) {
                    throw new InvalidClusteringInputException(Reason.SHAPE_MISMATCH,
                            "point " + row + " has " + coordinates.length + " coordinates but point 0 has " + d);
                }
                System.arraycopy(coordinates, 0, data, row * d, d);
                labels[row++] = c;
            }
        }
        return Silhouette.of(data, n, d, labels, clusters.size(), this.options, this.seed);
    }

}
