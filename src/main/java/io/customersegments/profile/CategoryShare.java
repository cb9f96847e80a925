package io.customersegments.profile;

/**
 * The share of a segment's customers with one value of a categorical column (value null: missing).
 *
 * @param populationShare the value's share among all the customers the run segmented (null in runs stored before)
 */
public record CategoryShare(String value, long count, double share, Double populationShare) {

    public CategoryShare(String value, long count, double share) {
        this(value, count, share, null);
    }

}
