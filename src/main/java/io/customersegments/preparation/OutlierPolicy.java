package io.customersegments.preparation;

/** What a run does with values beyond 1.5 IQR of the quartiles: keep them, clip them to the fence, or leave the row out. */
public enum OutlierPolicy {

    KEEP, CLIP, DROP

}
