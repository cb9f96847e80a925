package io.customersegments.clustering;

/**
 * Up to {@link #ROWS} consecutive rows copied feature-major, so that the distances from all of them to
 * one point run as straight loops over rows, which the JIT vectorises. One tile per task; not shared.
 */
final class RowTile {

    static final int ROWS = 256;

    private final int d;

    private final double[] columns;

    private int length;

    RowTile(int d) {
        this.d = d;
        this.columns = new double[d * ROWS];
    }

    int length() {
        return this.length;
    }

    /** Copies rows [first, first + length) of row-major x. */
    void load(double[] x, int first, int length) {
        this.length = length;
        int d = this.d;
        for (int r = 0; r < length; r++) {
            int row = (first + r) * d;
            for (int f = 0; f < d; f++) {
                this.columns[f * ROWS + r] = x[row + f];
            }
        }
    }

    /** Writes into {@code out[0..length)} the squared distance of each loaded row to {@code point[offset..offset+d)}. */
    void squaredDistances(double[] point, int offset, double[] out) {
        int length = this.length;
        double[] columns = this.columns;
        double first = point[offset];
        for (int r = 0; r < length; r++) {
            double diff = columns[r] - first;
            out[r] = diff * diff;
        }
        // two features a pass halve the loads and stores of out
        int f = 1;
        for (; f + 1 < this.d; f += 2) {
            double a = point[offset + f];
            double b = point[offset + f + 1];
            int baseA = f * ROWS;
            int baseB = baseA + ROWS;
            for (int r = 0; r < length; r++) {
                double diffA = columns[baseA + r] - a;
                double diffB = columns[baseB + r] - b;
                out[r] += diffA * diffA + diffB * diffB;
            }
        }
        if (f < this.d) {
            double value = point[offset + f];
            int base = f * ROWS;
            for (int r = 0; r < length; r++) {
                double diff = columns[base + r] - value;
                out[r] += diff * diff;
            }
        }
    }

}
