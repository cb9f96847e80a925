package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Test;

class NumericStatisticsTests {

    @Test
    void matchesCommonsMathWhileEveryValueFits() {
        SplittableRandom random = new SplittableRandom(1);
        NumericStatistics statistics = new NumericStatistics(10_000, 0);
        DescriptiveStatistics reference = new DescriptiveStatistics();
        reference.setPercentileImpl(new Percentile().withEstimationType(Percentile.EstimationType.R_7));
        for (int i = 0; i < 5_000; i++) {
            double value = Math.floor(random.nextGaussian() * 100) / 10;
            statistics.add(value);
            reference.addValue(value);
        }
        statistics.addMissing();

        NumericStatistics.Summary summary = statistics.summarize();

        assertThat(summary.exact()).isTrue();
        assertThat(summary.count()).isEqualTo(5_000);
        assertThat(summary.missing()).isEqualTo(1);
        assertThat(summary.mean()).isCloseTo(reference.getMean(), within(1e-9));
        assertThat(summary.std()).isCloseTo(reference.getStandardDeviation(), within(1e-9));
        assertThat(summary.p25()).isEqualTo(reference.getPercentile(25));
        assertThat(summary.median()).isEqualTo(reference.getPercentile(50));
        assertThat(summary.p75()).isEqualTo(reference.getPercentile(75));
        double iqr = summary.p75() - summary.p25();
        long outliers = java.util.Arrays.stream(reference.getValues())
            .filter(v -> v < summary.p25() - 1.5 * iqr || v > summary.p75() + 1.5 * iqr)
            .count();
        assertThat(summary.outliers()).isEqualTo(outliers);
        assertThat(summary.distinct()).isEqualTo(java.util.Arrays.stream(reference.getValues()).distinct().count());
    }

    @Test
    void countsDistinctValuesExactlyWhileEveryValueFits() {
        // Values compared as numbers: 0.0 and -0.0 are one value, as are equal values from anywhere in the column; up to
        // HASHED_VALUES values by hashing, beyond by sorting.
        SplittableRandom random = new SplittableRandom(3);
        double[][] columns = {
            random.doubles(200_000).map(v -> v * 1e6).toArray(), // nearly all distinct
            random.ints(200_000, -40, 40).asDoubleStream().map(v -> v / 4).toArray(), // 0.0 and -0.0 among them
            { 0.0, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MIN_VALUE,
                Double.MIN_VALUE, 1.0, 1.0 },
            { -0.0 }, { 7.5 },
            // more values than are hashed: sorted in place instead, with the same figures
            random.ints(NumericStatistics.HASHED_VALUES + 1_000, -500, 500).asDoubleStream().map(v -> v / 8).toArray() };
        for (double[] column : columns) {
            NumericStatistics statistics = new NumericStatistics(column.length, 0);
            for (double value : column) {
                statistics.add(value);
            }
            double[] sorted = column.clone();
            java.util.Arrays.sort(sorted);
            long distinct = 0;
            for (int i = 0; i < sorted.length; i++) {
                distinct += i == 0 || sorted[i] != sorted[i - 1] ? 1 : 0;
            }

            NumericStatistics.Summary summary = statistics.summarize();

            assertThat(summary.exact()).isTrue();
            assertThat(summary.distinct()).as("%d values", column.length).isEqualTo(distinct);
            assertThat(summary.median()).isEqualTo(Quantiles.sorted(sorted, sorted.length, 0.5));
            assertThat(summary.p25()).isEqualTo(Quantiles.sorted(sorted, sorted.length, 0.25));
            assertThat(summary.p75()).isEqualTo(Quantiles.sorted(sorted, sorted.length, 0.75));
        }
    }

    @Test
    void estimatesFromASampleBeyondItsMemoryBudget() {
        SplittableRandom random = new SplittableRandom(2);
        NumericStatistics statistics = new NumericStatistics(20_000, 0);
        for (int i = 0; i < 400_000; i++) {
            statistics.add(random.nextDouble() * 100);
        }

        NumericStatistics.Summary summary = statistics.summarize();

        assertThat(summary.exact()).isFalse();
        assertThat(summary.count()).isEqualTo(400_000);
        assertThat(summary.median()).isCloseTo(50, within(1.5));
        assertThat(summary.p25()).isCloseTo(25, within(1.5));
        assertThat(summary.min()).isLessThan(0.01);
        assertThat((double) summary.distinct()).isCloseTo(400_000, within(400_000 * 0.06));
    }

}
