package io.customersegments.run;

import io.customersegments.dataset.FeatureTable;

/**
 * A finished run's customers as they were clustered, for charts: the rows the run used (or the sample of
 * them stored with the run) with their values in the file's units and in clustering space, and their segments.
 *
 * @param run the run, with its selection report and segments
 * @param model the transforms and centroids
 * @param table the dataset rows (all of them, also those the run left out)
 * @param rows for each clustered customer, its index in {@code table}
 * @param externalIds for each clustered customer, its customer id
 * @param scaled row-major rows.length × d values in clustering space
 * @param labels each clustered customer's segment ordinal
 * @param rowsUsed how many customers the run clustered: more than {@link #n()} when these are a sample
 */
public record ClusteredData(RunView run, RunModel model, FeatureTable table, int[] rows, String[] externalIds,
        double[] scaled,
        int[] labels, long rowsUsed) {

    /** Whether these customers are a sample (stratified by segment) of those the run clustered. */
    public boolean sampled() {
        return rowsUsed > rows.length;
    }

    public int n() {
        return rows.length;
    }

    /** The width of the clustering space. */
    public int d() {
        return model.dimensions();
    }

    /** The value of feature j for clustered customer i, in the file's units (NaN where it was missing). */
    public double original(int i, int j) {
        return table.values()[rows[i] * table.d() + j];
    }

}
