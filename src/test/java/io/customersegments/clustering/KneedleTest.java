package io.customersegments.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/**
 * The Kneedle cases of the {@code kneed} package's own test suite (arvkevi/kneed, tests/test_sample.py:
 * the paper's figure 2, convex decreasing, its truncated form, the bumpy curve, flat maxima and a curve
 * without an elbow), for a decreasing convex curve with S = 1 unless stated.
 */
class KneedleTest {

    @Test
    void findsTheKneeOfThePapersFigure2() {
        // y = 5 - 1/(x + 0.1) is concave increasing; its negation is the decreasing convex curve with the same knee
        double[] x = new double[10];
        double[] y = new double[10];
        for (int i = 0; i < 10; i++) {
            x[i] = i / 9.0;
            y[i] = -(5 - 1 / (x[i] + 0.1));
        }
        assertThat(x[elbow(x, y, 1.0)]).isCloseTo(0.22, within(0.22 * 0.05));
    }

    @Test
    void findsTheElbowOfAConvexDecreasingCurve() {
        double[] x = range(10);
        double[] y = { 100, 40, 20, 15, 10, 5, 4, 3, 2, 1 };
        assertThat(x[elbow(x, y, 1.0)]).isEqualTo(2);

        double[] truncatedX = new double[7];
        double[] truncatedY = new double[7];
        for (int i = 0; i < 7; i++) {
            truncatedX[i] = x[i] / 10;
            truncatedY[i] = y[i] / 10;
        }
        assertThat(truncatedX[elbow(truncatedX, truncatedY, 1.0)]).isEqualTo(0.2);
    }

    @Test
    void findsTheElbowOfTheBumpyCurve() {
        double[] y = { 7305.0, 6979.0, 6666.6, 6463.2, 6326.5, 6048.8, 6032.8, 5762.0, 5742.8, 5398.2, 5256.8, 5227.0,
                5001.7, 4942.0, 4854.2, 4734.6, 4558.7, 4491.1, 4411.6, 4333.0, 4234.6, 4139.1, 4056.8, 4022.5, 3868.0,
                3808.3, 3745.3, 3692.3, 3645.6, 3618.3, 3574.3, 3504.3, 3452.4, 3401.2, 3382.4, 3340.7, 3301.1, 3247.6,
                3190.3, 3180.0, 3154.2, 3089.5, 3045.6, 2989.0, 2993.6, 2941.3, 2875.6, 2866.3, 2834.1, 2785.1, 2759.7,
                2763.2, 2720.1, 2660.1, 2690.2, 2635.7, 2632.9, 2574.6, 2556.0, 2545.7, 2513.4, 2491.6, 2496.0, 2466.5,
                2442.7, 2420.5, 2381.5, 2388.1, 2340.6, 2335.0, 2318.9, 2319.0, 2308.2, 2262.2, 2235.8, 2259.3, 2221.0,
                2202.7, 2184.3, 2170.1, 2160.0, 2127.7, 2134.7, 2102.0, 2101.4, 2066.4, 2074.3, 2063.7, 2048.1, 2031.9 };
        assertThat(elbow(range(90), y, 1.0)).isEqualTo(26);
    }

    @Test
    void sensitivityDecidesBetweenFlatMaxima() {
        double[] y = { 1, 0.787701317715959, 0.7437774524158126, 0.6559297218155198, 0.5065885797950219,
                0.36749633967789164, 0.2547584187408492, 0.16251830161054173, 0.10395314787701318, 0.06734992679355783,
                0.043923865300146414, 0.027818448023426062, 0.01903367496339678, 0.013177159590043924,
                0.010248901903367497, 0.007320644216691069, 0.005856515373352855, 0.004392386530014641 };
        assertThat(elbow(range(18), y, 0.0)).isEqualTo(1);
        assertThat(elbow(range(18), y, 1.0)).isEqualTo(8);
    }

    @Test
    void findsNoElbowWhereThereIsNone() {
        assertThat(Kneedle.elbowIndex(new double[] { 1, 2, 3 }, new double[] { 0.90483742, 0.81873075, 0.74081822 }, 1.0))
            .isEmpty();
        assertThat(Kneedle.elbowIndex(range(5), new double[] { 3, 3, 3, 3, 3 }, 1.0)).isEmpty();
        assertThat(Kneedle.elbowIndex(range(2), new double[] { 3, 1 }, 1.0)).isEmpty();
    }

    @Test
    void theDifferenceCurveIsTheFlippedNormalisedCurveMinusNormalisedX() {
        double[] difference = Kneedle.differenceCurve(new double[] { 2, 3, 4 }, new double[] { 10, 4, 2 });
        assertThat(difference).containsExactly(new double[] { 0, 0.75 - 0.5, 0 }, within(1e-15));
    }

    private static int elbow(double[] x, double[] y, double sensitivity) {
        OptionalInt index = Kneedle.elbowIndex(x, y, sensitivity);
        assertThat(index).isPresent();
        return index.getAsInt();
    }

    private static double[] range(int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = i;
        }
        return values;
    }

}
