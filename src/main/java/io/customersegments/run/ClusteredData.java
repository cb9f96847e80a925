package io.customersegments.run;

import io.customersegments.dataset.FeatureTable;

/**
 * A finished run's customers as they were clustered, for charts: every row the run used with its
 * values in the file's units and in clustering space, and its segment.
 *
 * @param run the run, with its selection report and segments
 * @param model the transforms and centroids
 * @param table the dataset rows (all of them, also those the run left out)
 * @param rows for each clustered customer, its index in {@code table}
 * @param scaled row-major rows.length × d values in clustering space
 * @param labels each clustered customer's segment ordinal
 */
public record ClusteredData(RunView run, RunModel model, FeatureTable table, int[] rows, double[] scaled,
        int[] labels) {

    public int n() {
        return rows.length;
    }

    public int d() {
        return model.transforms().size();
    }

    /** The value of feature j for clustered customer i, in the file's units (NaN where it was missing). */
    public double original(int i, int j) {
        return table.values()[rows[i] * table.d() + j];
    }

}
