package io.customersegments.run;

import java.util.List;

import io.customersegments.preparation.FeatureTransform;

/**
 * What scoring a new customer needs: the feature transforms and the centres in clustering space
 * (row-major k × d, in segment order).
 */
public record RunModel(List<FeatureTransform> transforms, int k, double[] centroids) {
}
