package io.customersegments.clustering;

import java.util.Arrays;

import io.customersegments.clustering.InvalidClusteringInputException.Reason;

/**
 * The adjusted Rand index of two labelings of the same rows (Hubert and Arabie, 1985), as scikit-learn's
 * {@code adjusted_rand_score}: 1 for the same partition whatever the label names, about 0 for
 * independent ones, negative when worse than chance.
 */
public final class AdjustedRandIndex {

    private AdjustedRandIndex() {
    }

    /** The adjusted Rand index of labelings {@code a} and {@code b} (any int labels, same length). */
    public static double between(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new InvalidClusteringInputException(Reason.INVALID_LABELS,
                    "the labelings have different lengths: " + a.length + " and " + b.length);
        }
        long n = a.length;
        PairCounts counts = cellsOfSmallLabels(a, b);
        if (counts == null) {
            counts = sortedPairCounts(a, b);
        }
        long sumOfSquares = counts.cells();
        // the pair confusion matrix, as scikit-learn's pair_confusion_matrix
        long together = sumOfSquares - n;
        long onlyInA = counts.groupsOfA() - sumOfSquares;
        long onlyInB = counts.groupsOfB() - sumOfSquares;
        long apart = n * n - onlyInA - onlyInB - sumOfSquares;
        if (onlyInA == 0 && onlyInB == 0) {
            return 1.0;
        }
        double tp = together;
        double tn = apart;
        double fn = onlyInA;
        double fp = onlyInB;
        return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
    }

    /**
     * The sums of squared sizes of the contingency table's cells, of a's groups and of b's groups: for each, the
     * number of ordered pairs of rows (a row with itself included) that share it.
     */
    private record PairCounts(long cells, long groupsOfA, long groupsOfB) {
    }

    /** Cells above which the contingency table is not counted in an array (4M ints: 16 MB) but sorted. */
    private static final long MAX_TABLE_CELLS = 1L << 22;

    /**
     * The counts from the contingency table, one pass over the rows, when both labelings use labels in
     * {@code 0 .. m} with a table of at most {@link #MAX_TABLE_CELLS} cells (a clustering's labels are
     * {@code 0 .. k-1}); else null. Sorting a million pairs three times took a tenth of a second per call.
     */
    private static PairCounts cellsOfSmallLabels(int[] a, int[] b) {
        int sizeA = labelCount(a);
        int sizeB = labelCount(b);
        // the table also stays in proportion to the rows: a few rows with one huge label are sorted, not counted
        long cells = (long) sizeA * sizeB;
        if (sizeA < 0 || sizeB < 0 || cells > MAX_TABLE_CELLS || cells > 16L * a.length + 1024) {
            return null;
        }
        int[] table = new int[sizeA * sizeB];
        for (int i = 0; i < a.length; i++) {
            table[a[i] * sizeB + b[i]]++;
        }
        long[] ofA = new long[sizeA];
        long[] ofB = new long[sizeB];
        long squares = 0;
        for (int x = 0; x < sizeA; x++) {
            for (int y = 0; y < sizeB; y++) {
                long size = table[x * sizeB + y];
                squares += size * size;
                ofA[x] += size;
                ofB[y] += size;
            }
        }
        return new PairCounts(squares, sumOfSquares(ofA), sumOfSquares(ofB));
    }

    /** One more than the largest label, or -1 when a label is negative or the labels reach past the table's bound. */
    private static int labelCount(int[] labels) {
        int max = 0;
        for (int label : labels) {
            if (label < 0 || label >= MAX_TABLE_CELLS) {
                return -1;
            }
            max = Math.max(max, label);
        }
        return max + 1;
    }

    private static long sumOfSquares(long[] sizes) {
        long total = 0;
        for (long size : sizes) {
            total += size * size;
        }
        return total;
    }

    /** The counts for any labels: the pairs of labels, and each labeling, sorted and their runs measured. */
    private static PairCounts sortedPairCounts(int[] a, int[] b) {
        long[] pairs = new long[a.length];
        long[] first = new long[a.length];
        long[] second = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            pairs[i] = ((long) a[i] << 32) | (b[i] & 0xffffffffL);
            first[i] = a[i];
            second[i] = b[i];
        }
        return new PairCounts(sumOfSquaredGroupSizes(pairs), sumOfSquaredGroupSizes(first),
                sumOfSquaredGroupSizes(second));
    }

    /** Sorts the keys in place and sums the squares of the run lengths. */
    private static long sumOfSquaredGroupSizes(long[] keys) {
        Arrays.sort(keys);
        long total = 0;
        int start = 0;
        for (int i = 1; i <= keys.length; i++) {
            if (i == keys.length || keys[i] != keys[start]) {
                long size = i - start;
                total += size * size;
                start = i;
            }
        }
        return total;
    }

}
