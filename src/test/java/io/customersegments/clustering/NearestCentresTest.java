package io.customersegments.clustering;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NearestCentresTest {

    /**
     * Small integer coordinates, and the last centre a copy of the first, make exact ties between centres common: the
     * branch-free pick must still give the lower index, and a runner-up equal to the nearest, exactly as comparing
     * one centre after another does.
     */
    @ParameterizedTest
    @CsvSource({ "1, 1", "1, 2", "2, 3", "3, 5", "5, 8", "16, 8", "7, 13" })
    void picksTheNearestAndRunnerUpAsAComparisonOfEveryCentreWould(int d, int k) {
        RandomGenerator random = new Well19937c(31L * d + k);
        int n = 3 * RowTile.ROWS + 17;
        double[] x = new double[n * d];
        for (int j = 0; j < x.length; j++) {
            x[j] = random.nextInt(4);
        }
        double[] centres = new double[k * d];
        for (int j = 0; j < centres.length; j++) {
            centres[j] = random.nextInt(4);
        }
        if (k > 1) {
            System.arraycopy(centres, 0, centres, (k - 1) * d, d);
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = (int) ((i * 7919L) % n); // every row once, out of order
        }
        NearestCentres measured = new NearestCentres(d, k);
        double[] nearestTwo = new double[2];
        int ties = 0;
        for (int first = 0; first < n; first += RowTile.ROWS) {
            int length = Math.min(RowTile.ROWS, n - first);
            measured.measure(x, rows, first, length, centres);
            for (int j = 0; j < length; j++) {
                int i = rows[first + j];
                int best = measured.nearest(j, nearestTwo);
                double[] expected = byComparison(x, i, centres, d, k);
                assertThat(best).as("row %d", i).isEqualTo((int) expected[0]);
                assertThat(nearestTwo[0]).isEqualTo(expected[1]);
                assertThat(nearestTwo[1]).isEqualTo(expected[2]);
                assertThat(measured.distance(j, best)).isEqualTo(nearestTwo[0]);
                ties += (expected[1] == expected[2]) ? 1 : 0;
            }
        }
        assertThat(ties).as("rows with two nearest centres").isGreaterThan((k > 1) ? n / 10 : -1);
    }

    /** {index, nearest, runner-up} by comparing one centre after another (distances as the tile sums them). */
    private static double[] byComparison(double[] x, int i, double[] centres, int d, int k) {
        RowTile tile = new RowTile(d);
        double[][] one = new double[d][1];
        for (int f = 0; f < d; f++) {
            one[f][0] = x[i * d + f];
        }
        tile.use(one);
        double[] distance = new double[1];
        int best = 0;
        double nearest = Double.POSITIVE_INFINITY;
        double runnerUp = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            tile.squaredDistances(centres, c * d, distance);
            if (distance[0] < nearest) {
                runnerUp = nearest;
                nearest = distance[0];
                best = c;
            }
            else if (distance[0] < runnerUp) {
                runnerUp = distance[0];
            }
        }
        return new double[] { best, nearest, runnerUp };
    }

}
