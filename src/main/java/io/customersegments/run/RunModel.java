package io.customersegments.run;

import java.util.List;

import io.customersegments.clustering.MixtureFit;
import io.customersegments.preparation.CategoryEncoding;
import io.customersegments.preparation.FeatureTransform;

/**
 * What scoring a new customer needs: the feature transforms and the centres in clustering space
 * (row-major k × d, in segment order); for an RFM run also the quintile edges that score it.
 *
 * @param derived the run's derived features, computed for a new customer from the columns they read
 * @param inputs the columns the derived features read (a prediction sends these), with their types
 * @param categories how the categorical features are encoded, after the numeric ones in clustering space
 * @param mixture for a Gaussian mixture run, the components' weights and covariances (the centroids are their means)
 */
public record RunModel(List<FeatureTransform> transforms, int k, double[] centroids, RfmModel rfm,
        List<DerivedFeature> derived, List<DerivedFeatures.Input> inputs, List<CategoryEncoding> categories,
        MixtureModel mixture) {

    public RunModel {
        derived = derived != null ? List.copyOf(derived) : List.of();
        inputs = inputs != null ? List.copyOf(inputs) : List.of();
        categories = categories != null ? List.copyOf(categories) : List.of();
    }

    /** The width of the clustering space: a column per numeric feature and per category of a categorical one. */
    public int dimensions() {
        return transforms.size() + categories.stream().mapToInt(CategoryEncoding::width).sum();
    }

    /**
     * A Gaussian mixture's weights and covariances, row-major k × d × d in clustering space, with their lower
     * Cholesky factors.
     */
    public record MixtureModel(double[] weights, double[] covariances, double[] choleskys) {
    }

    /** The run's mixture, ready to score new customers; null for other methods. */
    public MixtureFit mixtureFit() {
        int d = dimensions();
        return mixture == null ? null : new MixtureFit(k, d, 0, mixture.weights(), centroids, mixture.covariances(),
                mixture.choleskys(), Double.NaN, 0, true);
    }

    /**
     * The quintile edges of an RFM run, and the segments' keys in segment order: a new customer is scored
     * with the edges and placed in the segment of its R and F scores. {@code frequencySplit} says, per frequency edge,
     * whether the run's first-come ranks put customers of the edge's value on both sides of it (null for runs stored
     * before it was kept: then every edge counts as split).
     */
    public record RfmModel(double[] recencyEdges, double[] frequencyEdges, double[] monetaryEdges,
            List<String> segmentKeys, boolean[] frequencySplit) {

        /** Whether a new customer of this frequency could have had another F score in the run than the edges give. */
        public boolean tiedAtFrequencyEdge(double frequency) {
            for (int e = 0; e < frequencyEdges.length; e++) {
                if (frequency == frequencyEdges[e] && (frequencySplit == null || frequencySplit[e])) {
                    return true;
                }
            }
            return false;
        }

    }

}
