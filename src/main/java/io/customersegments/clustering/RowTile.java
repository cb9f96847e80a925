package io.customersegments.clustering;

/**
 * Distances from a tile of rows held feature by feature ({@link #ROWS} rows in {@link PointSet#tiles},
 * longer in the silhouette), each feature in its own zero-based array: the shape of loop the JDK 17 JIT
 * turns into vector code (with an offset into a shared array it does not, and runs four times slower).
 * One per task; not shared.
 */
final class RowTile {

    static final int ROWS = 256;

    private final int d;

    private double[][] columns;

    private int length;

    RowTile(int d) {
        this.d = d;
    }

    int length() {
        return this.length;
    }

    /** Works on {@code tile}, one array of values per feature, all of them. */
    void use(double[][] tile) {
        use(tile, tile[0].length);
    }

    /** Works on the first {@code length} values of each of the tile's feature arrays. */
    void use(double[][] tile, int length) {
        this.columns = tile;
        this.length = length;
    }

    /** Writes into {@code out[0..length)} the squared distance of each loaded row to {@code point[offset..offset+d)}. */
    void squaredDistances(double[] point, int offset, double[] out) {
        int length = this.length;
        double[] first = this.columns[0];
        double value = point[offset];
        for (int r = 0; r < length; r++) {
            double diff = first[r] - value;
            out[r] = diff * diff;
        }
        // several features a pass cut the loads and stores of out
        int f = 1;
        for (; f + 3 < this.d; f += 4) {
            double[] columnA = this.columns[f];
            double[] columnB = this.columns[f + 1];
            double[] columnC = this.columns[f + 2];
            double[] columnD = this.columns[f + 3];
            double a = point[offset + f];
            double b = point[offset + f + 1];
            double c = point[offset + f + 2];
            double e = point[offset + f + 3];
            for (int r = 0; r < length; r++) {
                double diffA = columnA[r] - a;
                double diffB = columnB[r] - b;
                double diffC = columnC[r] - c;
                double diffD = columnD[r] - e;
                out[r] += (diffA * diffA + diffB * diffB) + (diffC * diffC + diffD * diffD);
            }
        }
        for (; f + 1 < this.d; f += 2) {
            double[] columnA = this.columns[f];
            double[] columnB = this.columns[f + 1];
            double a = point[offset + f];
            double b = point[offset + f + 1];
            for (int r = 0; r < length; r++) {
                double diffA = columnA[r] - a;
                double diffB = columnB[r] - b;
                out[r] += diffA * diffA + diffB * diffB;
            }
        }
        if (f < this.d) {
            double[] column = this.columns[f];
            double last = point[offset + f];
            for (int r = 0; r < length; r++) {
                double diff = column[r] - last;
                out[r] += diff * diff;
            }
        }
    }

}
