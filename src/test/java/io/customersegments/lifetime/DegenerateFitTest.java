package io.customersegments.lifetime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Histories on which the likelihood keeps rising towards a limit of the model: the fit is that limit, and the report
 * says what it implies, where it used to give every customer the same predicted spend without a word.
 */
class DegenerateFitTest {

    /** Fifty customers who each bought every day for 300 days, customer i always for i + 1. */
    private static PurchaseHistory daily() {
        int n = 50;
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] T = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 299;
            tx[i] = 299;
            T[i] = 300;
            m[i] = i + 1;
        }
        return new PurchaseHistory(x, tx, T, m);
    }

    @Test
    void fitsThatRanToALimitSaySoInTheirWarnings() {
        BgNbd purchases = BgNbd.fit(daily());
        GammaGamma spend = GammaGamma.fit(daily(), 10);

        assertThat(FitWarnings.of(purchases, spend, TimeUnit.DAYS)).anySatisfy(warning -> assertThat(warning)
            .startsWith("The purchase model's r ran to").contains("the same rate of").contains("a day"))
            .anySatisfy(warning -> assertThat(warning).startsWith("The spend model's p and q ran to")
                .contains("whatever their own purchases were"));
    }

    @Test
    void thePublishedCdnowFitsHaveNoWarning() {
        BgNbd purchases = new BgNbd(0.243, 4.414, 0.793, 2.426, Double.NaN);
        GammaGamma spend = new GammaGamma(6.25, 3.74, 15.44, Double.NaN, 946);

        assertThat(FitWarnings.of(purchases, spend, TimeUnit.WEEKS)).isEmpty();
    }

}
