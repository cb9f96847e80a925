package io.customersegments.clustering;

/** How a k sweep chooses k. */
public enum KCriterion {

    /** The k with the highest mean silhouette (the smallest such k on a tie). */
    SILHOUETTE,

    /** The Kneedle elbow of the inertia curve; the silhouette maximum when the curve has no elbow. */
    ELBOW

}
