package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class NumericStatisticsExtremeValuesTests {

    @Test
    void valuesNearTheLargestDoubleGiveAFiniteMeanStandardDeviationAndQuartiles() {
        NumericStatistics.Summary summary = summarize(1e308, 1e308, -1e308);

        assertThat(summary.mean()).isCloseTo(1e308 / 3, withinPercentage(1e-9));
        // sqrt(((2/3)^2 * 2 + (4/3)^2) / 2) * 1e308
        assertThat(summary.std()).isCloseTo(1.1547005383792515e308, withinPercentage(1e-9));
        assertThat(summary.p25()).isEqualTo(0.0);
        assertThat(summary.median()).isEqualTo(1e308);
        assertThat(summary.p75()).isEqualTo(1e308);
        assertThat(summary.outliers()).isZero();
    }

    @Test
    void aStandardDeviationBeyondTheLargestDoubleIsNullNotInfinite() {
        NumericStatistics.Summary summary = summarize(Double.MAX_VALUE, -Double.MAX_VALUE);

        assertThat(summary.mean()).isZero();
        assertThat(summary.std()).isNull();
    }

    @Test
    void tinyValuesKeepTheirSpread() {
        NumericStatistics.Summary summary = summarize(1e-300, 3e-300);

        assertThat(summary.mean()).isCloseTo(2e-300, withinPercentage(1e-9));
        assertThat(summary.std()).isCloseTo(Math.sqrt(2) * 1e-300, withinPercentage(1e-9));
    }

    private static NumericStatistics.Summary summarize(double... values) {
        NumericStatistics statistics = new NumericStatistics(100, 0);
        for (double value : values) {
            statistics.add(value);
        }
        return statistics.summarize();
    }

}
