package io.customersegments.preparation;

/** What a run does with a row that lacks a feature: leave it out, or fill in the feature's median. */
public enum MissingPolicy {

    DROP, MEDIAN

}
