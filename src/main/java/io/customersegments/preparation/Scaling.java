package io.customersegments.preparation;

/** How features are scaled before clustering: z-scores (as scikit-learn's StandardScaler), onto 0..1, or not at all. */
public enum Scaling {

    STANDARD, MINMAX, NONE

}
