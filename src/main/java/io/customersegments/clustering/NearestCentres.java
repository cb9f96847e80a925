package io.customersegments.clustering;

/**
 * The nearest and runner-up of k centres for up to {@link RowTile#ROWS} rows at a time: the rows are gathered
 * feature by feature so that their distances to each centre are {@link RowTile}'s vector loops, and the two nearest
 * are picked without a branch per centre (on overlapping clusters which centre is nearer is a coin toss, and a
 * mispredicted branch costs more than the comparison). One per thread; not shared.
 */
final class NearestCentres {

    private final int d;

    private final int k;

    private final double[][] gathered;

    private final double[][] distances;

    private final RowTile tile;

    NearestCentres(int d, int k) {
        this.d = d;
        this.k = k;
        this.gathered = new double[d][RowTile.ROWS];
        this.distances = new double[k][RowTile.ROWS];
        this.tile = new RowTile(d);
    }

    /** Measures rows {@code rows[from..from+length)} of the row-major {@code x} against the k row-major centres. */
    void measure(double[] x, int[] rows, int from, int length, double[] centres) {
        for (int j = 0; j < length; j++) {
            int row = rows[from + j] * this.d;
            for (int f = 0; f < this.d; f++) {
                this.gathered[f][j] = x[row + f];
            }
        }
        measureGathered(length, centres);
    }

    /** Measures the consecutive rows {@code first..first+length)} of the row-major {@code x}. */
    void measureRange(double[] x, int first, int length, double[] centres) {
        for (int j = 0; j < length; j++) {
            int row = (first + j) * this.d;
            for (int f = 0; f < this.d; f++) {
                this.gathered[f][j] = x[row + f];
            }
        }
        measureGathered(length, centres);
    }

    private void measureGathered(int length, double[] centres) {
        this.tile.use(this.gathered, length);
        for (int c = 0; c < this.k; c++) {
            this.tile.squaredDistances(centres, c * this.d, this.distances[c]);
        }
    }

    /** The squared distance of measured row j to centre c. */
    double distance(int j, int c) {
        return this.distances[c][j];
    }

    /**
     * The index of the centre nearest to measured row j (the lower index on a tie); leaves the squared distance to it
     * in {@code nearestTwo[0]} and to the runner-up in {@code nearestTwo[1]} ({@code +Infinity} when k is 1).
     */
    int nearest(int j, double[] nearestTwo) {
        // compared as raw bits, with masks for selection: squared distances are never negative, and such doubles
        // order as their bits do
        long nearest = Double.doubleToRawLongBits(this.distances[0][j]);
        long runnerUp = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
        int best = 0;
        for (int c = 1; c < this.k; c++) {
            long dist = Double.doubleToRawLongBits(this.distances[c][j]);
            long nearer = (dist - nearest) >> 63;
            long notAbove = (dist - runnerUp) >> 63;
            long other = runnerUp ^ ((runnerUp ^ dist) & notAbove);
            runnerUp = other ^ ((other ^ nearest) & nearer);
            best ^= (best ^ c) & (int) nearer;
            nearest ^= (nearest ^ dist) & nearer;
        }
        nearestTwo[0] = Double.longBitsToDouble(nearest);
        nearestTwo[1] = Double.longBitsToDouble(runnerUp);
        return best;
    }

}
