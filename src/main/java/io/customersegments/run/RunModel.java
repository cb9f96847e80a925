package io.customersegments.run;

import java.util.List;

import io.customersegments.preparation.FeatureTransform;

/**
 * What scoring a new customer needs: the feature transforms and the centres in clustering space
 * (row-major k × d, in segment order); for an RFM run also the quintile edges that score it.
 */
public record RunModel(List<FeatureTransform> transforms, int k, double[] centroids, RfmModel rfm) {

    /**
     * The quintile edges of an RFM run, and the segments' keys in segment order: a new customer is scored
     * with the edges and placed in the segment of its R and F scores.
     */
    public record RfmModel(double[] recencyEdges, double[] frequencyEdges, double[] monetaryEdges,
            List<String> segmentKeys) {
    }

}
