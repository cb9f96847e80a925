package io.customersegments.profile;

/**
 * A segment's most common category of a categorical feature, when it is markedly more common there than
 * among all customers: what lets a name say "Married".
 *
 * @param share the category's share of the segment
 * @param populationShare its share of all the customers the run segmented
 */
public record CategoryLead(String feature, String value, double share, double populationShare) {

    /** How many times more common the category is in the segment than overall. */
    public double lift() {
        return share / populationShare;
    }

    /** How distinctive the lead is, like a numeric feature's distance in standard deviations. */
    double distinctiveness() {
        return (share - populationShare) / Math.sqrt(populationShare * (1 - populationShare));
    }

}
