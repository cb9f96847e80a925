package io.customersegments.run;

/**
 * What a segment's customers are worth, from the lifetime-value columns of its dataset (clv, p_alive) as
 * they were when the run was made.
 *
 * @param customers the segment's customers with a lifetime value
 * @param meanClv their mean discounted lifetime value
 * @param totalClv their lifetime value together
 * @param meanProbabilityAlive their mean probability of still being customers
 */
public record SegmentValue(long customers, double meanClv, double totalClv, double meanProbabilityAlive) {

    /**
     * Per segment, from each prepared row's label and value (NaN where a customer has none); null for a
     * segment none of whose customers has a value.
     */
    static SegmentValue[] of(int[] labels, int k, double[] clv, double[] probabilityAlive) {
        long[] customers = new long[k];
        double[] total = new double[k];
        double[] alive = new double[k];
        for (int i = 0; i < labels.length; i++) {
            if (!Double.isNaN(clv[i])) {
                customers[labels[i]]++;
                total[labels[i]] += clv[i];
                alive[labels[i]] += probabilityAlive[i];
            }
        }
        SegmentValue[] values = new SegmentValue[k];
        for (int c = 0; c < k; c++) {
            values[c] = customers[c] == 0 ? null
                    : new SegmentValue(customers[c], total[c] / customers[c], total[c], alive[c] / customers[c]);
        }
        return values;
    }

}
