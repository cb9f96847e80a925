package io.customersegments.clustering;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/** Gaussian blobs around known centres, rows shuffled, from a fixed seed. */
record GeneratedBlobs(double[] data, int n, int d, int[] truth, double[] centres) {

    static GeneratedBlobs around(double[] centres, int d, int perCentre, double sd, long seed) {
        int k = centres.length / d;
        int n = k * perCentre;
        RandomGenerator random = new Well19937c(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        double[] data = new double[n * d];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            int centre = order[i] % k;
            truth[i] = centre;
            for (int f = 0; f < d; f++) {
                data[i * d + f] = centres[centre * d + f] + sd * random.nextGaussian();
            }
        }
        return new GeneratedBlobs(data, n, d, truth, centres);
    }

    /** Four well-separated 3-d blobs of 250 rows (sd 1, centres 20 apart). */
    static GeneratedBlobs wellSeparated(long seed) {
        return around(new double[] { 0, 0, 0, 20, 0, 0, 0, 20, 0, 0, 0, 20 }, 3, 250, 1.0, seed);
    }

}
