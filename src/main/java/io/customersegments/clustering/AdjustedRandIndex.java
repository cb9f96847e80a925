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
        long[] pairs = new long[a.length];
        long[] first = new long[a.length];
        long[] second = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            pairs[i] = ((long) a[i] << 32) | (b[i] & 0xffffffffL);
            first[i] = a[i];
            second[i] = b[i];
        }
        long sumOfSquares = sumOfSquaredGroupSizes(pairs);
        // the pair confusion matrix, as scikit-learn's pair_confusion_matrix
        long together = sumOfSquares - n;
        long onlyInA = sumOfSquaredGroupSizes(first) - sumOfSquares;
        long onlyInB = sumOfSquaredGroupSizes(second) - sumOfSquares;
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
