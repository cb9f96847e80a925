package io.customersegments.run;

import java.util.Arrays;

/**
 * Pairs a new run's segments with the previous live run's by least total centroid distance (the
 * assignment problem), so matched segments keep their keys across retrains. Hand-written Hungarian
 * method (O(n³) with potentials): Commons Math 3 has no assignment solver, and k is small.
 */
final class SegmentMatcher {

    private SegmentMatcher() {
    }

    /**
     * For each new segment, the index of the old segment it takes over, or -1 when it is new: the least
     * total cost pairing among pairs within each new segment's reach. A pair beyond reach is never made,
     * and never crowds out a pair within reach (it costs more than all reachable pairs together).
     *
     * @param cost cost[newSegment][oldSegment], e.g. the distance between their centres
     * @param reach reach[newSegment], the largest cost at which it may take over an old segment
     */
    static int[] match(double[][] cost, double[] reach) {
        double unreachable = 1;
        for (int i = 0; i < cost.length; i++) {
            for (double value : cost[i]) {
                if (value <= reach[i]) {
                    unreachable += value;
                }
            }
        }
        double[][] bounded = new double[cost.length][];
        for (int i = 0; i < cost.length; i++) {
            bounded[i] = cost[i].clone();
            for (int j = 0; j < bounded[i].length; j++) {
                if (!(bounded[i][j] <= reach[i])) {
                    bounded[i][j] = unreachable;
                }
            }
        }
        int[] result = match(bounded);
        for (int i = 0; i < result.length; i++) {
            if (result[i] >= 0 && !(cost[i][result[i]] <= reach[i])) {
                result[i] = -1;
            }
        }
        return result;
    }

    /**
     * For each new segment, the index of the old segment it takes over, or -1 when it is new.
     *
     * @param cost cost[newSegment][oldSegment], e.g. the distance between their centres
     */
    static int[] match(double[][] cost) {
        int rows = cost.length;
        int columns = rows == 0 ? 0 : cost[0].length;
        int[] result = new int[rows];
        Arrays.fill(result, -1);
        if (rows == 0 || columns == 0) {
            return result;
        }
        // The method needs rows <= columns: solve the transpose when there are more new segments than old.
        boolean transposed = rows > columns;
        double[][] a = transposed ? transpose(cost) : cost;
        int n = a.length;
        int m = a[0].length;
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1];
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double current = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (current < minv[j]) {
                            minv[j] = current;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            }
            while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                if (transposed) {
                    result[j - 1] = p[j] - 1;
                }
                else {
                    result[p[j] - 1] = j - 1;
                }
            }
        }
        return result;
    }

    private static double[][] transpose(double[][] matrix) {
        double[][] transposed = new double[matrix[0].length][matrix.length];
        for (int i = 0; i < matrix.length; i++) {
            for (int j = 0; j < matrix[0].length; j++) {
                transposed[j][i] = matrix[i][j];
            }
        }
        return transposed;
    }

}
