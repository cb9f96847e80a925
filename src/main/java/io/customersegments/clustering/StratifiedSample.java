package io.customersegments.clustering;

import java.util.Arrays;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Draws rows without replacement within each cluster, allocated in proportion to cluster size (largest
 * remainder, at least two rows per cluster that has two): the silhouette's sample and the scatter chart's.
 */
public final class StratifiedSample {

    private StratifiedSample() {
    }

    /** Ascending row indices of a sample of {@code m} of the labelled rows, {@code sizes[c]} of them in cluster c. */
    public static int[] draw(int[] labels, int[] sizes, int m, RandomGenerator random) {
        int k = sizes.length;
        int n = labels.length;
        int[] quota = allocate(sizes, n, m);
        int[] start = new int[k + 1];
        for (int c = 0; c < k; c++) {
            start[c + 1] = start[c] + sizes[c];
        }
        int[] byCluster = new int[n];
        int[] next = start.clone();
        for (int i = 0; i < n; i++) {
            byCluster[next[labels[i]]++] = i;
        }
        int[] rows = new int[m];
        int taken = 0;
        for (int c = 0; c < k; c++) {
            // partial Fisher-Yates inside the cluster's slice
            for (int j = 0; j < quota[c]; j++) {
                int pick = start[c] + j + random.nextInt(sizes[c] - j);
                int row = byCluster[pick];
                byCluster[pick] = byCluster[start[c] + j];
                byCluster[start[c] + j] = row;
                rows[taken++] = row;
            }
        }
        Arrays.sort(rows);
        return rows;
    }

    /** Proportional allocation by largest remainder, then at least two rows per cluster that has two. */
    static int[] allocate(int[] sizes, int n, int m) {
        int k = sizes.length;
        int[] quota = new int[k];
        double[] remainder = new double[k];
        int given = 0;
        for (int c = 0; c < k; c++) {
            double exactShare = (double) m * sizes[c] / n;
            quota[c] = (int) Math.floor(exactShare);
            remainder[c] = exactShare - quota[c];
            given += quota[c];
        }
        while (given < m) {
            int best = -1;
            for (int c = 0; c < k; c++) {
                if (quota[c] < sizes[c] && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            quota[best]++;
            remainder[best] = -1;
            given++;
        }
        for (int c = 0; c < k; c++) {
            int floor = Math.min(2, sizes[c]);
            while (quota[c] < floor) {
                int donor = -1;
                for (int other = 0; other < k; other++) {
                    if (quota[other] > Math.min(2, sizes[other]) && (donor < 0 || quota[other] > quota[donor])) {
                        donor = other;
                    }
                }
                if (donor < 0) {
                    break;
                }
                quota[donor]--;
                quota[c]++;
            }
        }
        return quota;
    }

}
