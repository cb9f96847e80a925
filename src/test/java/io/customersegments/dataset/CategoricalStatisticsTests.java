package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CategoricalStatisticsTests {

    @Test
    void countsFewValuesExactlyWithTheirFrequencies() {
        CategoricalStatistics statistics = new CategoricalStatistics(10);
        for (int i = 0; i < 1_000; i++) {
            statistics.add(i % 4 == 0 ? "Female" : "Male");
        }
        statistics.addMissing();

        CategoricalStatistics.Summary summary = statistics.summarize(5);

        assertThat(summary.exact()).isTrue();
        assertThat(summary.distinct()).isEqualTo(2);
        assertThat(summary.count()).isEqualTo(1_000);
        assertThat(summary.missing()).isEqualTo(1);
        assertThat(summary.topValues()).containsExactly(new ValueCount("Male", 750), new ValueCount("Female", 250));
    }

    @Test
    void beyondTheTrackedValuesTheEstimateIsTheSketchOfEveryValue() {
        // Values counted exactly skip the sketch after their first time: the estimate must equal a sketch that saw
        // every value, repeated and interleaved, since seeing a value again changes no register.
        CategoricalStatistics statistics = new CategoricalStatistics(50);
        DistinctCounter everyValue = new DistinctCounter();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            String value = "v" + (random.nextInt(10) < 8 ? random.nextInt(40) : random.nextInt(30_000));
            statistics.add(value);
            everyValue.addText(value);
        }

        CategoricalStatistics.Summary summary = statistics.summarize(3);

        assertThat(summary.exact()).isFalse();
        assertThat(summary.distinct()).isEqualTo(everyValue.estimate());
        // About 30,000 × (1 − e^(−40,000 / 30,000)) + 40 = 22,140 distinct values were drawn.
        assertThat(summary.distinct()).isBetween(21_000L, 23_300L);
    }

}
