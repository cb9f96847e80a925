package io.customersegments.run;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.math3.random.Well19937c;

import io.customersegments.clustering.StratifiedSample;
import io.customersegments.dataset.FeatureTable;
import io.customersegments.preparation.CategoryEncoding;
import io.customersegments.preparation.PreparedData;

/**
 * The customers a finished run's charts are drawn from, stored with the run: all it clustered up to
 * {@link #SIZE}, else a sample of that many stratified by segment (seeded by the run), so a chart never
 * reloads the dataset and its memory does not grow with it.
 *
 * @param rowsUsed customers the run clustered
 * @param original row-major rowNos.length × d values of the numeric features in the file's units (NaN where missing)
 * @param levels row-major rowNos.length × (categorical features) categories, as the run encoded them; empty without
 *        categorical features
 */
record ChartSample(long rowsUsed, int[] rowNos, String[] externalIds, int[] labels, double[] original, int[] levels) {

    static final int SIZE = 20_000;

    /** @param externalIds the customer ids of the given row numbers of the table's dataset */
    static ChartSample of(FeatureTable table, PreparedData data, int[] labels, int k, long seed,
            Function<int[], String[]> externalIds) {
        int n = data.n();
        int d = table.d();
        int[] chosen;
        if (n <= SIZE) {
            chosen = new int[n];
            Arrays.setAll(chosen, i -> i);
        }
        else {
            int[] sizes = new int[k];
            for (int label : labels) {
                sizes[label]++;
            }
            chosen = StratifiedSample.draw(labels, sizes, SIZE, new Well19937c(seed));
        }
        int m = chosen.length;
        int[] rowNos = new int[m];
        int[] sampleLabels = new int[m];
        double[] original = new double[m * d];
        int[] tableRows = new int[m];
        for (int s = 0; s < m; s++) {
            int row = data.rows()[chosen[s]];
            tableRows[s] = row;
            rowNos[s] = table.rowNos()[row];
            sampleLabels[s] = labels[chosen[s]];
            System.arraycopy(table.values(), row * d, original, s * d, d);
        }
        return new ChartSample(n, rowNos, externalIds.apply(rowNos), sampleLabels, original,
                levels(table, data.categories(), tableRows));
    }

    /**
     * The given rows of the table as a run encoded their categories: row-major rows.length × categories.size()
     * levels of the encodings (-1 for a value the run never saw).
     */
    static int[] levels(FeatureTable table, List<CategoryEncoding> categories, int[] tableRows) {
        int c = categories.size();
        int[] levels = new int[tableRows.length * c];
        for (int f = 0; f < c; f++) {
            FeatureTable.CodedColumn column = table.categorical(categories.get(f).key());
            int[] levelOfCode = categories.get(f).levelsOfCodes(column.levels());
            for (int s = 0; s < tableRows.length; s++) {
                levels[s * c + f] = levelOfCode[column.codes()[tableRows[s]] + 1];
            }
        }
        return levels;
    }

    int size() {
        return rowNos.length;
    }

}
