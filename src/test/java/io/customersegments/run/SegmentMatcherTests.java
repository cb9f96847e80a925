package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SegmentMatcherTests {

    @Test
    void findsTheCheapestPairingNotTheGreedyOne() {
        // Greedy takes (0,0) at cost 1 and must then pay 100 for (1,1); the optimum pairs crosswise for 4.
        double[][] cost = { { 1, 2 }, { 2, 100 } };

        assertThat(SegmentMatcher.match(cost)).containsExactly(1, 0);
    }

    @Test
    void leavesSurplusNewSegmentsUnmatchedAndSurplusOldOnesUnused() {
        double[][] moreNew = { { 5 }, { 1 }, { 9 } };
        double[][] moreOld = { { 7, 1, 3 } };

        assertThat(SegmentMatcher.match(moreNew)).containsExactly(-1, 0, -1);
        assertThat(SegmentMatcher.match(moreOld)).containsExactly(1);
    }

    @Test
    void agreesWithBruteForceOnRandomSquareProblems() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = random.nextInt(1, 7);
            double[][] cost = new double[n][n];
            for (double[] row : cost) {
                for (int j = 0; j < n; j++) {
                    row[j] = random.nextDouble(10);
                }
            }
            int[] match = SegmentMatcher.match(cost);
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += cost[i][match[i]];
            }
            assertThat(total).isCloseTo(bruteForce(cost, 0, new boolean[n]), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private static double bruteForce(double[][] cost, int row, boolean[] used) {
        if (row == cost.length) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < cost.length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, cost[row][j] + bruteForce(cost, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }

}
