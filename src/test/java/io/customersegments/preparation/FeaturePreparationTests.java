package io.customersegments.preparation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.customersegments.dataset.ColumnRole;
import io.customersegments.dataset.DatasetColumn;
import io.customersegments.dataset.FeatureTable;

/**
 * Known answers worked out by hand. Quartiles interpolate linearly between closest ranks (NumPy's
 * default), outliers lie beyond 1.5 IQR of the quartiles, and STANDARD divides by the population
 * standard deviation, as scikit-learn's StandardScaler does.
 */
class FeaturePreparationTests {

    private static final double NaN = Double.NaN;

    // Mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32, so population std 2 (the sample std would be 2.138).
    private static final double[] TEXTBOOK = { 2, 4, 4, 4, 5, 5, 7, 9 };

    // Sorted -20,1,...,9,40: p25 = 2.5, p75 = 7.5, IQR 5, fences -5 and 15; -20 (row 5) and 40 (row 10) lie beyond.
    private static final double[] TWO_OUTLIERS = { 1, 2, 3, 4, 5, -20, 6, 7, 8, 9, 40 };

    @Test
    void standardScalingDividesByThePopulationStandardDeviationAsStandardScalerDoes() {
        PreparedData data = FeaturePreparation.prepare(table(TEXTBOOK),
                params(Scaling.STANDARD, MissingPolicy.MEDIAN, OutlierPolicy.KEEP));

        assertThat(data.scaled()).containsExactly(-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2);
        FeatureTransform transform = data.transforms().get(0);
        assertThat(transform.center()).isEqualTo(5);
        assertThat(transform.scale()).isEqualTo(2);
    }

    @Test
    void minMaxScalingMapsTheSmallestValueToZeroAndTheLargestToOne() {
        PreparedData data = FeaturePreparation.prepare(table(TEXTBOOK),
                params(Scaling.MINMAX, MissingPolicy.MEDIAN, OutlierPolicy.KEEP));

        assertThat(data.scaled()).containsExactly(new double[] { 0, 2 / 7.0, 2 / 7.0, 2 / 7.0, 3 / 7.0, 3 / 7.0,
                5 / 7.0, 1 }, within(1e-15));
        assertThat(data.transforms().get(0).center()).isEqualTo(2);
        assertThat(data.transforms().get(0).scale()).isEqualTo(7);
    }

    @Test
    void noScalingLeavesTheValuesAsTheyAre() {
        PreparedData data = FeaturePreparation.prepare(table(TEXTBOOK),
                params(Scaling.NONE, MissingPolicy.MEDIAN, OutlierPolicy.KEEP));

        assertThat(data.scaled()).containsExactly(TEXTBOOK);
        assertThat(data.transforms().get(0).center()).isZero();
        assertThat(data.transforms().get(0).scale()).isEqualTo(1);
    }

    @Test
    void aConstantFeatureIsCentredButNotDividedByZero() {
        double[] constant = { 3, 3, 3, 3 };

        PreparedData standard = FeaturePreparation.prepare(table(constant),
                params(Scaling.STANDARD, MissingPolicy.MEDIAN, OutlierPolicy.KEEP));
        PreparedData minMax = FeaturePreparation.prepare(table(constant),
                params(Scaling.MINMAX, MissingPolicy.MEDIAN, OutlierPolicy.KEEP));

        assertThat(standard.scaled()).containsExactly(0, 0, 0, 0);
        assertThat(standard.transforms().get(0).scale()).isEqualTo(1);
        assertThat(minMax.scaled()).containsExactly(0, 0, 0, 0);
        assertThat(minMax.transforms().get(0).scale()).isEqualTo(1);
    }

    @Test
    void valuesTooLargeToScaleOrAFeatureWithNoValueFailWithAReasonNotNaNs() {
        double[] extreme = { 1, 2, 3, 1e308, -1e308, 4 };
        for (Scaling scaling : Scaling.values()) {
            assertThatThrownBy(() -> FeaturePreparation.prepare(table(extreme),
                    params(scaling, MissingPolicy.MEDIAN, OutlierPolicy.KEEP)))
                .as(scaling.name())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large to scale")
                .hasMessageContaining("outliers: CLIP");
        }
        // Clipped to the IQR fences, the same values scale.
        assertThat(FeaturePreparation.prepare(table(extreme), params(Scaling.STANDARD, MissingPolicy.MEDIAN,
                OutlierPolicy.CLIP)).scaled()).doesNotContain(Double.NaN).doesNotContain(Double.POSITIVE_INFINITY);
        for (MissingPolicy missing : MissingPolicy.values()) {
            assertThatThrownBy(() -> FeaturePreparation.prepare(table(new double[] { NaN, NaN, NaN }),
                    params(Scaling.STANDARD, missing, OutlierPolicy.KEEP)))
                .as(missing.name())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no value on any row");
        }
    }

    @Test
    void logTransformTakesLogOnePlusXBeforeScalingAndOnlyForTheFeaturesNamed() {
        // log1p turns 0, 9, 99, 999 into 0, 1, 2, 3 times ln 10; the second feature stays linear.
        FeatureTable table = table(List.of("Visits", "Age"), new double[] { 0, 20, 9, 30, 99, 40, 999, 50 });
        Preparation params = params(List.of("Visits", "Age"), Scaling.NONE, List.of("Visits"), MissingPolicy.MEDIAN,
                OutlierPolicy.KEEP);

        PreparedData data = FeaturePreparation.prepare(table, params);

        double ln10 = Math.log(10);
        assertThat(column(data.scaled(), 2, 0)).containsExactly(new double[] { 0, ln10, 2 * ln10, 3 * ln10 },
                within(1e-12));
        assertThat(column(data.scaled(), 2, 1)).containsExactly(20, 30, 40, 50);
        assertThat(data.transforms()).extracting(FeatureTransform::log).containsExactly(true, false);
    }

    @Test
    void logTransformThenStandardScalingStandardisesTheLogs() {
        // The logs are 0, 1, 2, 3 times ln 10: mean 1.5 ln 10, population std sqrt(1.25) ln 10.
        Preparation params = params(List.of("Visits"), Scaling.STANDARD, List.of("Visits"), MissingPolicy.MEDIAN,
                OutlierPolicy.KEEP);

        PreparedData data = FeaturePreparation.prepare(table(new double[] { 0, 9, 99, 999 }), params);

        double unit = Math.sqrt(1.25);
        assertThat(data.scaled()).containsExactly(new double[] { -1.5 / unit, -0.5 / unit, 0.5 / unit, 1.5 / unit },
                within(1e-12));
        assertThat(data.transforms().get(0).center()).isCloseTo(1.5 * Math.log(10), within(1e-12));
        assertThat(data.transforms().get(0).scale()).isCloseTo(unit * Math.log(10), within(1e-12));
    }

    @Test
    void logTransformIsSymmetricForNegativeValuesSuchAsNetSpendAfterRefunds() {
        Preparation params = params(List.of("Visits"), Scaling.NONE, List.of("Visits"), MissingPolicy.MEDIAN,
                OutlierPolicy.KEEP);

        PreparedData data = FeaturePreparation.prepare(table(new double[] { -99, -0.5, 0, 9 }), params);

        assertThat(data.scaled()).containsExactly(new double[] { -Math.log(100), -Math.log(1.5), 0, Math.log(10) },
                within(1e-12));
        assertThat(data.transforms().get(0).invert(-Math.log(100))).isCloseTo(-99, within(1e-9));
        assertThat(data.transforms().get(0).invert(Math.log(10))).isCloseTo(9, within(1e-9));
    }

    @Test
    void everyTransformInvertsAScaledValueBackToTheFileUnits() {
        FeatureTable table = table(List.of("Visits", "Age"),
                new double[] { 0, 20, 9, 35, 99, 41, 999, 58, 3, 19, 17, 64 });
        for (Scaling scaling : Scaling.values()) {
            Preparation params = params(List.of("Visits", "Age"), scaling, List.of("Visits"), MissingPolicy.MEDIAN,
                    OutlierPolicy.KEEP);

            PreparedData data = FeaturePreparation.prepare(table, params);

            for (int i = 0; i < data.n(); i++) {
                for (int j = 0; j < data.d(); j++) {
                    FeatureTransform transform = data.transforms().get(j);
                    double scaled = data.scaled()[i * 2 + j];
                    assertThat(transform.apply(data.original()[i * 2 + j])).isCloseTo(scaled, within(1e-12));
                    assertThat(transform.invert(scaled)).as("%s row %d feature %d", scaling, i, j)
                        .isCloseTo(table.values()[i * 2 + j], within(1e-9));
                }
            }
        }
    }

    @Test
    void missingDropLeavesOutRowsWithAnyMissingFeatureAndScalesOnTheRest() {
        FeatureTable table = table(List.of("Income", "Spending"),
                new double[] { 10, 1, NaN, 2, 30, 3, 40, NaN, 50, 5, 60, 6 });

        PreparedData data = FeaturePreparation.prepare(table,
                params(List.of("Income", "Spending"), Scaling.STANDARD, List.of(), MissingPolicy.DROP,
                        OutlierPolicy.KEEP));

        assertThat(data.n()).isEqualTo(4);
        assertThat(data.rows()).containsExactly(0, 2, 4, 5);
        assertThat(data.droppedMissing()).isEqualTo(2);
        assertThat(data.droppedOutliers()).isZero();
        assertThat(data.original()).containsExactly(10, 1, 30, 3, 50, 5, 60, 6);
        // Income 10, 30, 50, 60: mean 37.5, squared deviations 756.25+56.25+156.25+506.25 = 1475, std sqrt(368.75).
        assertThat(data.transforms().get(0).center()).isEqualTo(37.5);
        assertThat(data.transforms().get(0).scale()).isCloseTo(Math.sqrt(368.75), within(1e-12));
    }

    @Test
    void missingMedianFillsTheMedianOfTheValuesPresentAndKeepsTheGapInTheOriginal() {
        // Present: 1, 3, 4, 10, median 3.5; p25 2.5 and p75 5.5 put the upper fence at exactly 10.
        FeatureTable table = table(new double[] { 1, NaN, 3, 10, 4 });

        PreparedData data = FeaturePreparation.prepare(table,
                params(Scaling.NONE, MissingPolicy.MEDIAN, OutlierPolicy.DROP));

        assertThat(data.n()).isEqualTo(5);
        assertThat(data.droppedMissing()).isZero();
        assertThat(data.droppedOutliers()).as("a value on the fence is not beyond it").isZero();
        assertThat(data.scaled()).containsExactly(1, 3.5, 3, 10, 4);
        assertThat(data.original()[1]).isNaN();
        assertThat(data.transforms().get(0).median()).isEqualTo(3.5);
    }

    @Test
    void imputedMediansCountInTheScalingStatistics() {
        // Filled 1, 3.5, 3, 10, 4: mean 21.5 / 5 = 4.3, as SimpleImputer then StandardScaler would have it.
        PreparedData data = FeaturePreparation.prepare(table(new double[] { 1, NaN, 3, 10, 4 }),
                params(Scaling.STANDARD, MissingPolicy.MEDIAN, OutlierPolicy.KEEP));

        assertThat(data.transforms().get(0).center()).isCloseTo(4.3, within(1e-12));
        // Squared deviations 10.89 + 0.64 + 1.69 + 32.49 + 0.09 = 45.8.
        assertThat(data.transforms().get(0).scale()).isCloseTo(Math.sqrt(45.8 / 5), within(1e-12));
    }

    @Test
    void outliersKeepLeavesEveryRowAndEveryValue() {
        PreparedData data = FeaturePreparation.prepare(table(TWO_OUTLIERS),
                params(Scaling.NONE, MissingPolicy.MEDIAN, OutlierPolicy.KEEP));

        assertThat(data.n()).isEqualTo(11);
        assertThat(data.droppedOutliers()).isZero();
        assertThat(data.scaled()).containsExactly(TWO_OUTLIERS);
        assertThat(data.transforms().get(0).clipLow()).isNull();
        assertThat(data.transforms().get(0).clipHigh()).isNull();
    }

    @Test
    void outliersClipPullsValuesBeyondTheFencesOntoThem() {
        PreparedData data = FeaturePreparation.prepare(table(TWO_OUTLIERS),
                params(Scaling.NONE, MissingPolicy.MEDIAN, OutlierPolicy.CLIP));

        assertThat(data.n()).isEqualTo(11);
        assertThat(data.droppedOutliers()).isZero();
        assertThat(data.scaled()).containsExactly(1, 2, 3, 4, 5, -5, 6, 7, 8, 9, 15);
        assertThat(data.original()).as("the file's units are not clipped").containsExactly(TWO_OUTLIERS);
        assertThat(data.transforms().get(0).clipLow()).isEqualTo(-5);
        assertThat(data.transforms().get(0).clipHigh()).isEqualTo(15);
        assertThat(data.transforms().get(0).apply(1000)).isEqualTo(15);
    }

    @Test
    void outliersClipHappensBeforeTheScalingStatistics() {
        // 9 is beyond the upper fence 7.75 (p25 4, p75 5.5): clipped, the mean is 38.75 / 8 = 4.84375.
        PreparedData data = FeaturePreparation.prepare(table(TEXTBOOK),
                params(Scaling.STANDARD, MissingPolicy.MEDIAN, OutlierPolicy.CLIP));

        FeatureTransform transform = data.transforms().get(0);
        assertThat(transform.clipHigh()).isEqualTo(7.75);
        assertThat(transform.center()).isEqualTo(4.84375);
        // Squared deviations sum to 23.3671875.
        assertThat(transform.scale()).isCloseTo(Math.sqrt(23.3671875 / 8), within(1e-12));
        assertThat(data.scaled()[7]).isCloseTo((7.75 - 4.84375) / Math.sqrt(23.3671875 / 8), within(1e-12));
    }

    @Test
    void outliersDropLeavesOutRowsBeyondEitherFenceAndScalesOnTheRest() {
        PreparedData data = FeaturePreparation.prepare(table(TWO_OUTLIERS),
                params(Scaling.STANDARD, MissingPolicy.MEDIAN, OutlierPolicy.DROP));

        assertThat(data.n()).isEqualTo(9);
        assertThat(data.rows()).containsExactly(0, 1, 2, 3, 4, 6, 7, 8, 9);
        assertThat(data.droppedOutliers()).isEqualTo(2);
        assertThat(data.droppedMissing()).isZero();
        assertThat(data.original()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        // 1..9: mean 5, squared deviations 60, population std sqrt(60 / 9).
        assertThat(data.transforms().get(0).center()).isEqualTo(5);
        assertThat(data.transforms().get(0).scale()).isCloseTo(Math.sqrt(60.0 / 9), within(1e-12));
    }

    @Test
    void aRowBothMissingAndOutlyingCountsOnceAsMissing() {
        // Second feature as TWO_OUTLIERS: rows 5 and 10 are outliers; row 5 also misses its first feature, row 2 too.
        double[] first = { 1, 1, NaN, 1, 1, NaN, 1, 1, 1, 1, 1 };
        double[] values = new double[22];
        for (int i = 0; i < 11; i++) {
            values[i * 2] = first[i];
            values[i * 2 + 1] = TWO_OUTLIERS[i];
        }

        PreparedData data = FeaturePreparation.prepare(table(List.of("Visits", "Age"), values),
                params(List.of("Visits", "Age"), Scaling.NONE, List.of(), MissingPolicy.DROP, OutlierPolicy.DROP));

        assertThat(data.droppedMissing()).isEqualTo(2);
        assertThat(data.droppedOutliers()).isEqualTo(1);
        assertThat(data.n()).isEqualTo(8);
        assertThat(data.rows()).containsExactly(0, 1, 3, 4, 6, 7, 8, 9);
    }

    @Test
    void aRowWithAnImputedValueIsStillDroppedForAnOutlierElsewhere() {
        double[] values = { NaN, 1, 5, 2, 6, 3, 7, 4, 8, 100 };

        PreparedData data = FeaturePreparation.prepare(table(List.of("Visits", "Age"), values),
                params(List.of("Visits", "Age"), Scaling.NONE, List.of(), MissingPolicy.MEDIAN, OutlierPolicy.DROP));

        assertThat(data.rows()).containsExactly(0, 1, 2, 3);
        assertThat(data.droppedOutliers()).isEqualTo(1);
        assertThat(data.droppedMissing()).isZero();
        // Visits present: 5, 6, 7, 8, median 6.5.
        assertThat(data.scaled()).containsExactly(6.5, 1, 5, 2, 6, 3, 7, 4);
    }

    @Test
    void transformsCarryTheFeatureItsKeyLabelSlotAndObservedRange() {
        FeatureTable table = table(List.of("Annual Income (k$)", "Spending Score (1-100)"),
                new double[] { 15, 39, 137, 81, NaN, 6, 70, 77 });

        PreparedData data = FeaturePreparation.prepare(table, params(List.of("Annual Income (k$)", "spending_score_1_100"),
                Scaling.STANDARD, List.of(), MissingPolicy.MEDIAN, OutlierPolicy.KEEP));

        assertThat(data.transforms()).extracting(FeatureTransform::feature)
            .containsExactly("Annual Income (k$)", "spending_score_1_100");
        assertThat(data.transforms()).extracting(FeatureTransform::key)
            .containsExactly("annual_income_k", "spending_score_1_100");
        assertThat(data.transforms()).extracting(FeatureTransform::label).containsExactly("Income", "Spending");
        assertThat(data.transforms()).extracting(FeatureTransform::slot).containsExactly(0, 1);
        assertThat(data.transforms()).extracting(FeatureTransform::min).containsExactly(15.0, 6.0);
        assertThat(data.transforms()).extracting(FeatureTransform::max).containsExactly(137.0, 81.0);
        assertThat(data.transforms().get(0).outOfRange(140)).isTrue();
        assertThat(data.transforms().get(0).outOfRange(137)).isFalse();
    }

    @Test
    void logTransformsMinusOneToAFiniteValue() {
        // log1p(-1) is -Infinity: the symmetric log keeps every value finite for the scaler.
        Preparation params = params(List.of("Visits"), Scaling.STANDARD, List.of("Visits"), MissingPolicy.MEDIAN,
                OutlierPolicy.KEEP);

        PreparedData data = FeaturePreparation.prepare(table(new double[] { -1, 0, 1, 2 }), params);

        for (double value : data.scaled()) {
            assertThat(value).isFinite();
        }
        assertThat(data.scaled()[0]).isLessThan(data.scaled()[1]);
    }

    private static FeatureTable table(double[] column) {
        return table(List.of("Visits"), column);
    }

    private static FeatureTable table(List<String> names, double[] values) {
        int d = names.size();
        int n = values.length / d;
        List<DatasetColumn> columns = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            columns.add(new DatasetColumn(names.get(j), key(names.get(j)), ColumnRole.NUMERIC, j, null, 0, n, true));
        }
        int[] rowNos = new int[n];
        for (int i = 0; i < n; i++) {
            rowNos[i] = i + 1;
        }
        return new FeatureTable(1, columns, n, values, rowNos, List.of());
    }

    private static String key(String name) {
        return name.toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    private static Preparation params(Scaling scaling, MissingPolicy missing, OutlierPolicy outliers) {
        return params(List.of("Visits"), scaling, List.of(), missing, outliers);
    }

    private static Preparation params(List<String> features, Scaling scaling, List<String> logTransform,
            MissingPolicy missing, OutlierPolicy outliers) {
        return new Preparation(features, features.stream().map(FeaturePreparationTests::key).toList(), logTransform,
                scaling, missing, outliers);
    }

    private static double[] column(double[] rowMajor, int d, int j) {
        double[] column = new double[rowMajor.length / d];
        for (int i = 0; i < column.length; i++) {
            column[i] = rowMajor[i * d + j];
        }
        return column;
    }

}
