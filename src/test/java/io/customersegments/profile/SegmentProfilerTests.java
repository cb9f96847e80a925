package io.customersegments.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.customersegments.dataset.ColumnRole;
import io.customersegments.dataset.DatasetColumn;
import io.customersegments.dataset.FeatureTable.CodedColumn;
import io.customersegments.dataset.FeatureTable;
import io.customersegments.preparation.FeatureTransform;
import io.customersegments.preparation.PreparedData;

/**
 * Nine kept customers of a ten-row table (row 3 was dropped) in three segments of 4, 3 and 2, worked
 * out by hand. Income 10..90 has tertiles 36.67 and 63.33; spending (one value missing) 10, 20, 40,
 * 50, 60, 70, 80, 90 has tertiles 43.33 and 66.67, mean 52.5 and population std sqrt(693.75).
 */
class SegmentProfilerTests {

    private static final double NaN = Double.NaN;

    // Per kept row, in table order: its row in the table, income, spending and segment.
    private static final int[] TABLE_ROWS = { 0, 1, 2, 4, 5, 6, 7, 8, 9 };

    private static final double[] INCOME = { 10, 50, 80, 20, 60, 90, 30, 70, 40 };

    private static final double[] SPENDING = { 90, 50, 10, 80, 40, 20, NaN, 60, 70 };

    private static final int[] LABELS = { 0, 1, 2, 0, 1, 2, 0, 1, 0 };

    // Per table row (row 3 is the dropped one): 0 Female, 1 Male, 2 Other, -1 missing.
    private static final int[] GENDER = { 0, 1, 1, 2, 0, 0, 1, 0, 1, -1 };

    @Test
    void describesEachSegmentInTheFileUnits() {
        List<SegmentProfile> segments = profile();

        FeatureProfile income = segments.get(0).profile().get("Annual Income (k$)");
        // Segment 0 income 10, 20, 30, 40: squared deviations from 25 sum to 500, sample std sqrt(500 / 3).
        assertThat(income.mean()).isEqualTo(25);
        assertThat(income.median()).isEqualTo(25);
        assertThat(income.min()).isEqualTo(10);
        assertThat(income.max()).isEqualTo(40);
        assertThat(income.std()).isCloseTo(Math.sqrt(500.0 / 3), within(1e-12));
        FeatureProfile spending = segments.get(0).profile().get("Spending Score (1-100)");
        // The missing value is left out, not counted as the imputed median: 90, 80, 70.
        assertThat(spending.mean()).isEqualTo(80);
        assertThat(spending.median()).isEqualTo(80);
        assertThat(spending.min()).isEqualTo(70);
        assertThat(spending.max()).isEqualTo(90);
        assertThat(spending.std()).isCloseTo(10, within(1e-12));
        FeatureProfile richest = segments.get(2).profile().get("Annual Income (k$)");
        assertThat(richest.mean()).isEqualTo(85);
        assertThat(richest.median()).isEqualTo(85);
        assertThat(richest.std()).isCloseTo(Math.sqrt(50), within(1e-12));
    }

    @Test
    void levelsCompareTheSegmentMeanWithThePopulationTertiles() {
        List<SegmentProfile> segments = profile();

        assertThat(segments).extracting(segment -> segment.profile().get("Annual Income (k$)").level())
            .containsExactly(Level.LOW, Level.MODERATE, Level.HIGH);
        assertThat(segments).extracting(segment -> segment.profile().get("Spending Score (1-100)").level())
            .containsExactly(Level.HIGH, Level.MODERATE, Level.LOW);
    }

    @Test
    void aMeanOnATertileIsModerate() {
        // Population 0, 3, 6, 9: tertiles exactly 3 and 6; segments with means 3 and 6 sit on them.
        FeatureTable table = table(4, List.of());
        PreparedData data = data(new double[] { 0, 3, 6, 9 }, new int[] { 0, 1, 2, 3 }, 1);

        List<SegmentProfile> segments = SegmentProfiler.profile(table, data, new int[] { 0, 1, 2, 3 }, 4,
                new double[4], null);

        assertThat(segments).extracting(segment -> segment.profile().get("x").level())
            .containsExactly(Level.LOW, Level.MODERATE, Level.MODERATE, Level.HIGH);
    }

    @Test
    void sharesAreSizeOverKeptRowsAndSumToOne() {
        List<SegmentProfile> segments = profile();

        assertThat(segments).extracting(SegmentProfile::ordinal).containsExactly(0, 1, 2);
        assertThat(segments).extracting(SegmentProfile::size).containsExactly(4L, 3L, 2L);
        assertThat(segments).extracting(SegmentProfile::share).containsExactly(4 / 9.0, 3 / 9.0, 2 / 9.0);
        assertThat(segments.stream().mapToDouble(SegmentProfile::share).sum()).isCloseTo(1, within(1e-12));
    }

    @Test
    void distinctivenessIsTheMeanDistanceInPopulationStandardDeviations() {
        List<SegmentProfile> segments = profile();

        // Income 10..90: mean 50, squared deviations 6000, population std sqrt(6000 / 9).
        double incomeStd = Math.sqrt(6000.0 / 9);
        double spendingStd = Math.sqrt(693.75);
        assertThat(segments.get(0).distinctiveness()).containsExactly(
                new double[] { (25 - 50) / incomeStd, (80 - 52.5) / spendingStd }, within(1e-12));
        assertThat(segments.get(1).distinctiveness()).containsExactly(
                new double[] { (60 - 50) / incomeStd, (50 - 52.5) / spendingStd }, within(1e-12));
        assertThat(segments.get(2).distinctiveness()).containsExactly(
                new double[] { (85 - 50) / incomeStd, (15 - 52.5) / spendingStd }, within(1e-12));
    }

    @Test
    void centroidsAreInvertedIntoTheFileUnits() {
        List<SegmentProfile> segments = profile();

        // Income: centre 50, scale 10; spending: log1p, no centring, so ln 81 is 80.
        assertThat(segments.get(0).centroid().get("Annual Income (k$)")).isCloseTo(25, within(1e-12));
        assertThat(segments.get(0).centroid().get("Spending Score (1-100)")).isCloseTo(80, within(1e-9));
        assertThat(segments.get(0).centroidScaled()).containsExactly(-2.5, Math.log(81));
        assertThat(segments.get(2).centroid().get("Annual Income (k$)")).isCloseTo(85, within(1e-12));
    }

    @Test
    void categoricalMixCountsTheSegmentsOwnRowsMostFrequentFirst() {
        List<SegmentProfile> segments = profile();

        // Table rows: segment 0 holds 0, 4, 7, 9 (Female, Female, Female, missing); row 3, Other, was dropped.
        assertThat(segments.get(0).mix()).containsOnlyKeys("Gender");
        assertThat(segments.get(0).mix().get("Gender")).extracting(CategoryShare::value, CategoryShare::count,
                CategoryShare::share).containsExactly(tuple("Female", 3L, 0.75), tuple(null, 1L, 0.25));
        // Segment 1 holds rows 1, 5, 8: Male, Female, Male.
        assertThat(segments.get(1).mix().get("Gender")).extracting(CategoryShare::value, CategoryShare::count,
                CategoryShare::share).containsExactly(tuple("Male", 2L, 2 / 3.0), tuple("Female", 1L, 1 / 3.0));
        // Beside each share, the value's share among all the clustered customers.
        long clustered = segments.stream().mapToLong(SegmentProfile::size).sum();
        assertThat(segments.get(1).mix().get("Gender").get(1).populationShare()).isPositive().isLessThanOrEqualTo(1);
        assertThat(clustered).isPositive();
        assertThat(segments).allSatisfy(segment -> assertThat(segment.mix().get("Gender"))
            .extracting(CategoryShare::value)
            .doesNotContain("Other"));
    }

    @Test
    void categoricalMixKeepsTheFiveMostFrequentValues() {
        // One segment of 21: a six times, b five times, ... f once.
        List<String> levels = List.of("a", "b", "c", "d", "e", "f");
        int[] codes = new int[21];
        for (int code = 0, i = 0; code < 6; code++) {
            for (int repeat = 0; repeat < 6 - code; repeat++) {
                codes[i++] = code;
            }
        }
        FeatureTable table = table(21, List.of(new CodedColumn(categorical("Plan"), codes, levels)));
        int[] rows = new int[21];
        for (int i = 0; i < 21; i++) {
            rows[i] = i;
        }

        List<SegmentProfile> segments = SegmentProfiler.profile(table, data(new double[21], rows, 1), new int[21], 1,
                new double[1], null);

        assertThat(segments.get(0).mix().get("Plan")).extracting(CategoryShare::value)
            .containsExactly("a", "b", "c", "d", "e");
        assertThat(segments.get(0).mix().get("Plan")).extracting(CategoryShare::count).containsExactly(6L, 5L, 4L, 3L, 2L);
        assertThat(segments.get(0).mix().get("Plan").get(0).share()).isEqualTo(6 / 21.0);
    }

    @Test
    void categoricalMixOfAColumnWithAGreatManyCategoriesCountsSomeSegmentsAPass() {
        // 300,000 categories: four segments' counts do not fit one pass's table, so the segments are counted in turns;
        // each segment's mix is still its own five most common values (ties in category order, missing first).
        int categories = 300_000;
        List<String> levels = java.util.stream.IntStream.range(0, categories).mapToObj(code -> "v" + code).toList();
        int n = 3_000;
        int k = 4;
        java.util.Random random = new java.util.Random(5);
        int[] codes = new int[n];
        int[] labels = new int[n];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
            labels[i] = random.nextInt(k);
            codes[i] = random.nextInt(8) * 40_000 + labels[i] - 1; // -1 (missing) .. 280,002: a few values per segment
        }
        FeatureTable table = table(n, List.of(new CodedColumn(categorical("City"), codes, levels)));

        List<SegmentProfile> segments = SegmentProfiler.profile(table, data(new double[n], rows, 1), labels, k,
                new double[k], null);

        for (int c = 0; c < k; c++) {
            int segment = c;
            java.util.Map<Integer, Long> counts = new java.util.TreeMap<>();
            java.util.stream.IntStream.range(0, n).filter(i -> labels[i] == segment)
                .forEach(i -> counts.merge(codes[i], 1L, Long::sum));
            List<java.util.Map.Entry<Integer, Long>> top = counts.entrySet().stream()
                .sorted(java.util.Map.Entry.<Integer, Long>comparingByValue().reversed())
                .limit(5)
                .toList();
            assertThat(segments.get(c).mix().get("City")).as("segment %d", c)
                .extracting(CategoryShare::value, CategoryShare::count)
                .containsExactlyElementsOf(top.stream()
                    .map(entry -> tuple(entry.getKey() < 0 ? null : levels.get(entry.getKey()), entry.getValue()))
                    .toList());
        }
    }

    @Test
    void aSegmentOfOneHasNoStandardDeviation() {
        PreparedData data = data(new double[] { 1, 2, 3 }, new int[] { 0, 1, 2 }, 1);

        List<SegmentProfile> segments = SegmentProfiler.profile(table(3, List.of()), data, new int[] { 0, 0, 1 }, 2,
                new double[2], null);

        assertThat(segments.get(0).profile().get("x").std()).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(segments.get(1).profile().get("x").std()).isNull();
        assertThat(segments.get(1).profile().get("x").median()).isEqualTo(3);
    }

    @Test
    void carriesEachSegmentsSilhouetteWhenThereIsOne() {
        List<SegmentProfile> withSilhouettes = profile(new double[] { 0.5, 0.25, -0.125 });
        List<SegmentProfile> without = profile(null);

        assertThat(withSilhouettes).extracting(SegmentProfile::silhouette).containsExactly(0.5, 0.25, -0.125);
        assertThat(without).extracting(SegmentProfile::silhouette).containsOnlyNulls();
        assertThat(without).extracting(SegmentProfile::name).containsOnlyNulls();
    }

    private static List<SegmentProfile> profile() {
        return profile(null);
    }

    private static List<SegmentProfile> profile(double[] silhouettes) {
        int n = TABLE_ROWS.length;
        double[] original = new double[n * 2];
        for (int i = 0; i < n; i++) {
            original[i * 2] = INCOME[i];
            original[i * 2 + 1] = SPENDING[i];
        }
        List<FeatureTransform> transforms = List.of(
                new FeatureTransform("Annual Income (k$)", "annual_income_k", "Income", 0, false, 50, 10, 50, null, null,
                        10, 90),
                new FeatureTransform("Spending Score (1-100)", "spending_score_1_100", "Spending", 1, true, 0, 1, 55,
                        null, null, 10, 90));
        // The scaled values do not enter the profile; only the centres do.
        PreparedData data = new PreparedData(new double[n * 2], original, n, 2, TABLE_ROWS, 0, 1, transforms);
        CodedColumn gender = new CodedColumn(categorical("Gender"), GENDER, List.of("Female", "Male", "Other"));
        double[] centres = { -2.5, Math.log(81), 1, Math.log(51), 3.5, Math.log(16) };
        return SegmentProfiler.profile(table(10, List.of(gender)), data, LABELS, 3, centres, silhouettes);
    }

    /** One feature named "x" with the given values, kept rows as given. */
    @Test
    void profilesManyFeaturesAsEachFeatureAloneWouldBe() {
        // Five features (several per profiling task, one work column reused) with missing values: every segment's
        // statistics equal those worked out feature by feature from the segment's values in row order.
        int n = 2_000;
        int d = 5;
        int k = 4;
        java.util.Random random = new java.util.Random(11);
        double[] values = new double[n * d];
        int[] labels = new int[n];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
            labels[i] = random.nextInt(k);
            for (int j = 0; j < d; j++) {
                values[i * d + j] = random.nextInt(10) == 0 ? NaN : Math.round(random.nextGaussian() * 100 * (j + 1)) / 8.0;
            }
        }
        List<FeatureTransform> transforms = new java.util.ArrayList<>();
        for (int j = 0; j < d; j++) {
            transforms.add(new FeatureTransform("f" + j, "f" + j, "F" + j, j, false, 0, 1, 0, null, null, 0, 1));
        }
        PreparedData data = new PreparedData(values.clone(), values, n, d, rows, 0, 0, transforms);

        List<SegmentProfile> segments = SegmentProfiler.profile(table(n, List.of()), data, labels, k,
                new double[k * d], null);

        for (int j = 0; j < d; j++) {
            double[] population = known(values, d, j, labels, -1);
            double[] sorted = population.clone();
            java.util.Arrays.sort(sorted);
            double lower = io.customersegments.dataset.Quantiles.sorted(sorted, sorted.length, 1.0 / 3);
            double upper = io.customersegments.dataset.Quantiles.sorted(sorted, sorted.length, 2.0 / 3);
            for (int c = 0; c < k; c++) {
                double[] own = known(values, d, j, labels, c);
                double sum = 0;
                for (double value : own) {
                    sum += value;
                }
                double mean = sum / own.length;
                double squares = 0;
                for (double value : own) {
                    squares += (value - mean) * (value - mean);
                }
                double[] ownSorted = own.clone();
                java.util.Arrays.sort(ownSorted);
                FeatureProfile profile = segments.get(c).profile().get("f" + j);
                assertThat(profile.mean()).as("feature %d, segment %d", j, c).isEqualTo(mean);
                assertThat(profile.median()).isEqualTo(io.customersegments.dataset.Quantiles.sorted(ownSorted,
                        ownSorted.length, 0.5));
                assertThat(profile.min()).isEqualTo(ownSorted[0]);
                assertThat(profile.max()).isEqualTo(ownSorted[ownSorted.length - 1]);
                assertThat(profile.std()).isEqualTo(Math.sqrt(squares / (own.length - 1)));
                assertThat(profile.level()).isEqualTo(Level.of(mean, lower, upper));
            }
        }
    }

    /** Feature j's known values, in row order, of segment c (or of every segment when c is -1). */
    private static double[] known(double[] values, int d, int j, int[] labels, int c) {
        return java.util.stream.IntStream.range(0, labels.length)
            .filter(i -> (c < 0 || labels[i] == c) && !Double.isNaN(values[i * d + j]))
            .mapToDouble(i -> values[i * d + j])
            .toArray();
    }

    private static PreparedData data(double[] values, int[] rows, int d) {
        List<FeatureTransform> transforms = List.of(new FeatureTransform("x", "x", "X", 0, false, 0, 1, 0, null, null,
                0, 1));
        return new PreparedData(values.clone(), values, values.length / d, d, rows, 0, 0, transforms);
    }

    private static FeatureTable table(int n, List<CodedColumn> categorical) {
        int[] rowNos = new int[n];
        for (int i = 0; i < n; i++) {
            rowNos[i] = i + 1;
        }
        // The profiler reads the categorical codes from the table; the numbers come from the prepared data.
        return new FeatureTable(1, List.of(), n, new double[0], rowNos, categorical);
    }

    private static DatasetColumn categorical(String name) {
        return new DatasetColumn(name, name.toLowerCase(), ColumnRole.CATEGORICAL, 0, null, 0, 3, true);
    }

}
