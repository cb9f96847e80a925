package io.customersegments.lifetime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The lifetime value's sum over the horizon, against the expected purchases it is made of. */
class LifetimeValuesTest {

    /** The BG/NBD the CDNOW sample fits in weeks (published parameters). */
    private static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426, Double.NaN);

    @Test
    void wholeMonthsAreTheLibrarysMonthlyDiscountedSum() {
        double x = 2;
        double tx = 30.43;
        double T = 38.86;
        double expected = 0;
        double before = 0;
        for (int month = 1; month <= 12; month++) {
            double upTo = CDNOW.expectedPurchases(month * 4.345, x, tx, T);
            expected += 35 * (upTo - before) / Math.pow(1.01, month);
            before = upTo;
        }

        assertThat(LifetimeValues.clv(CDNOW, 35, x, tx, T, 12 * 4.345, 4.345, 0.01)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void growsWithTheHorizonInsideAMonthAndIsTheValueOfTheExpectedPurchasesWithoutDiscount() {
        double x = 3;
        double tx = 20;
        double T = 30;
        double previous = 0;
        for (double days : new double[] { 1.5, 15, 29, 30, 45, 60, 365 }) {
            double clv = LifetimeValues.clv(CDNOW, 35, x, tx, T, days / 7, 4.345, 0.01);
            assertThat(clv).as("%s days", days).isGreaterThan(previous);
            previous = clv;

            double undiscounted = LifetimeValues.clv(CDNOW, 35, x, tx, T, days / 7, 4.345, 0);
            assertThat(undiscounted).as("%s days", days)
                .isCloseTo(35 * CDNOW.expectedPurchases(days / 7, x, tx, T), within(1e-9));
        }
    }

}
