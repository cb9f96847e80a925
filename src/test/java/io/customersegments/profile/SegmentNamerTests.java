package io.customersegments.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.customersegments.preparation.FeatureLabels;
import io.customersegments.preparation.FeatureTransform;

class SegmentNamerTests {

    private static final List<FeatureTransform> AGE_INCOME_SPENDING = transforms("Age", "Annual Income (k$)",
            "Spending Score (1-100)");

    @Test
    void namesTheTwoMostDistinctiveFeaturesInTheRunsFeatureOrder() {
        // Spending is the most distinctive, then income; the name still says income first.
        SegmentProfile segment = segment(0.2, -1.5, 2.0, Level.MODERATE, Level.LOW, Level.HIGH);

        assertThat(SegmentNamer.names(List.of(segment), AGE_INCOME_SPENDING)).containsExactly("Low Income · High Spending");
    }

    @Test
    void distinctivenessCountsInBothDirections() {
        SegmentProfile segment = segment(-3.0, 0.1, 2.5, Level.LOW, Level.MODERATE, Level.HIGH);

        assertThat(SegmentNamer.names(List.of(segment), AGE_INCOME_SPENDING)).containsExactly("Younger · High Spending");
    }

    @Test
    void theLevelWordsComeFromTheProfileNotFromTheSignOfTheDistance() {
        // A skewed feature: the mean is above the upper tertile (HIGH) yet below the population mean.
        SegmentProfile segment = segment(-1.2, 0.9, 0.1, Level.HIGH, Level.MODERATE, Level.MODERATE);

        assertThat(SegmentNamer.names(List.of(segment), AGE_INCOME_SPENDING))
            .containsExactly("Older · Moderate Income");
    }

    @Test
    void aNameNeverContradictsTheProfileLevels() {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Integer> slotOfLabel = Map.of("Age", 0, "Income", 1, "Spending", 2);
        for (int trial = 0; trial < 500; trial++) {
            double[] z = { random.nextDouble(-3, 3), random.nextDouble(-3, 3), random.nextDouble(-3, 3) };
            Level[] levels = { level(random), level(random), level(random) };

            SegmentProfile segment = segment(z[0], z[1], z[2], levels[0], levels[1], levels[2]);
            String name = SegmentNamer.names(List.of(segment), AGE_INCOME_SPENDING).get(0);

            String[] parts = name.split(" · ");
            assertThat(parts).hasSize(2);
            int previous = -1;
            for (String part : parts) {
                int slot = slotOf(part, slotOfLabel);
                assertThat(part).as(name).isEqualTo(slot == 0 ? AGE_WORDS.get(levels[0])
                        : levels[slot].word() + " " + part.split(" ")[1]);
                assertThat(slot).as("feature order in %s", name).isGreaterThan(previous);
                previous = slot;
            }
            int leftOut = 3 - Arrays.stream(parts).mapToInt(part -> slotOf(part, slotOfLabel)).sum();
            for (String part : parts) {
                assertThat(Math.abs(z[slotOf(part, slotOfLabel)])).as(name).isGreaterThanOrEqualTo(Math.abs(z[leftOut]));
            }
        }
    }

    @Test
    void aSingleFeatureGivesANameOfThatFeatureAlone() {
        List<FeatureTransform> income = transforms("Annual Income (k$)");

        assertThat(SegmentNamer.names(List.of(segment(new double[] { -0.4 }, Level.LOW)), income))
            .containsExactly("Low Income");
    }

    @Test
    void equallyDistinctiveFeaturesAreTakenInFeatureOrder() {
        SegmentProfile segment = segment(1.0, 1.0, -1.0, Level.HIGH, Level.HIGH, Level.LOW);

        assertThat(SegmentNamer.names(List.of(segment), AGE_INCOME_SPENDING)).containsExactly("Older · High Income");
        assertThat(SegmentNamer.ranked(segment(0.0, 0.0, 0.0, Level.MODERATE, Level.MODERATE, Level.MODERATE)))
            .containsExactly(0, 1, 2);
    }

    @Test
    void segmentsThatWouldShareANameAreToldApartByAThirdFeature() {
        SegmentProfile young = segment(-2.0, 1.5, 0.5, Level.LOW, Level.HIGH, Level.HIGH);
        SegmentProfile alike = segment(-2.0, 1.5, -0.5, Level.LOW, Level.HIGH, Level.LOW);
        SegmentProfile other = segment(2.0, 0.1, -1.5, Level.HIGH, Level.MODERATE, Level.LOW);

        assertThat(SegmentNamer.names(List.of(young, alike, other), AGE_INCOME_SPENDING)).containsExactly(
                "Younger · High Income · High Spending", "Younger · High Income · Low Spending", "Older · Low Spending");
    }

    @Test
    void segmentsAlikeOnEveryFeatureAreRankedOnTheFeatureTheyDifferMostOn() {
        List<FeatureTransform> two = transforms("Annual Income (k$)", "Spending Score (1-100)");
        SegmentProfile first = segment(new double[] { 1.0, -1.0 }, Level.HIGH, Level.LOW);
        SegmentProfile second = segment(new double[] { 0.8, -0.6 }, Level.HIGH, Level.LOW);
        SegmentProfile distinct = segment(new double[] { -1.0, 1.0 }, Level.LOW, Level.HIGH);
        SegmentProfile third = segment(new double[] { 0.5, -0.5 }, Level.HIGH, Level.LOW);

        // Their centres differ most on income (1.0 to 0.5, against -1.0 to -0.5 on spending, taken in feature order);
        // ranked within their level, so none of them reads as below the segment of low income.
        assertThat(SegmentNamer.names(List.of(first, second, distinct, third), two)).containsExactly(
                "High Income (highest) · Low Spending", "High Income (middle) · Low Spending",
                "Low Income · High Spending", "High Income (lowest) · Low Spending");
        SegmentProfile older = segment(new double[] { 0.9, -0.2 }, Level.HIGH, Level.LOW);
        // These two differ most on spending (-1.0 and -0.2), and are told apart by it.
        assertThat(SegmentNamer.names(List.of(first, older), two)).containsExactly("High Income · Low Spending (lower)",
                "High Income · Low Spending (higher)");
    }

    @Test
    void aFeatureWithOneValueForEveryoneIsNeverNamed() {
        List<FeatureTransform> two = new ArrayList<>(transforms("Annual Income (k$)", "Spending Score (1-100)"));
        FeatureTransform income = two.get(0);
        two.set(0, new FeatureTransform(income.feature(), income.key(), income.label(), 0, false, 0, 1, 0, null, null, 7,
                7));
        SegmentProfile low = segment(new double[] { 0, -1.0 }, Level.MODERATE, Level.LOW);
        SegmentProfile high = segment(new double[] { 0, 1.0 }, Level.MODERATE, Level.HIGH);

        assertThat(SegmentNamer.names(List.of(low, high), two)).containsExactly("Low Spending", "High Spending");
    }

    @Test
    void describesTheSizeShareAndEveryFeatureMostDistinctiveFirst() {
        List<FeatureTransform> two = transforms("Annual Income (k$)", "Spending Score (1-100)");
        Map<String, FeatureProfile> profile = new LinkedHashMap<>();
        profile.put("Annual Income (k$)", feature(1250.4, Level.LOW));
        profile.put("Spending Score (1-100)", feature(82.06, Level.HIGH));
        SegmentProfile segment = segment(1234, 0.1234, new double[] { -0.5, 1.7 }, profile);

        assertThat(SegmentNamer.description(segment, two)).isEqualTo("1,234 customers (12.3%) whose "
                + "Spending Score (1-100) averages 82.1 (high), Annual Income (k$) averages 1,250 (low).");
    }

    @Test
    void descriptionWritesSmallAndNegativeMeansWithOneDecimal() {
        List<FeatureTransform> two = transforms("Balance", "Tenure");
        Map<String, FeatureProfile> profile = new LinkedHashMap<>();
        profile.put("Balance", feature(-250.0, Level.LOW));
        profile.put("Tenure", feature(-3.24, Level.MODERATE));
        SegmentProfile segment = segment(7, 1.0, new double[] { -2.0, 0.0 }, profile);

        assertThat(SegmentNamer.description(segment, two))
            .isEqualTo("7 customers (100.0%) whose Balance averages -250 (low), Tenure averages -3.2 (moderate).");
    }

    /** Age's levels in words of their own. */
    private static final Map<Level, String> AGE_WORDS = Map.of(Level.LOW, "Younger", Level.MODERATE, "Middle-aged",
            Level.HIGH, "Older");

    private static int slotOf(String part, Map<String, Integer> slotOfLabel) {
        return AGE_WORDS.containsValue(part) ? 0 : slotOfLabel.get(part.split(" ")[1]);
    }

    private static Level level(SplittableRandom random) {
        return Level.values()[random.nextInt(3)];
    }

    private static SegmentProfile segment(double z0, double z1, double z2, Level l0, Level l1, Level l2) {
        return segment(new double[] { z0, z1, z2 }, l0, l1, l2);
    }

    /** A segment on Age, Income and Spending; on Income and Spending for two levels; on Income for one. */
    private static SegmentProfile segment(double[] z, Level... levels) {
        List<String> names = levels.length == 3 ? List.of("Age", "Annual Income (k$)", "Spending Score (1-100)")
                : levels.length == 2 ? List.of("Annual Income (k$)", "Spending Score (1-100)")
                        : List.of("Annual Income (k$)");
        Map<String, FeatureProfile> profile = new LinkedHashMap<>();
        for (int j = 0; j < levels.length; j++) {
            profile.put(names.get(j), feature(50, levels[j]));
        }
        return segment(100, 0.5, z, profile);
    }

    private static SegmentProfile segment(long size, double share, double[] z, Map<String, FeatureProfile> profile) {
        return new SegmentProfile(0, size, share, z.clone(), Map.of(), profile, Map.of(), null, z, null, null,
                List.of(), null, List.of());
    }

    private static FeatureProfile feature(double mean, Level level) {
        return new FeatureProfile(mean, mean, mean, mean, null, level);
    }

    private static List<FeatureTransform> transforms(String... features) {
        List<FeatureTransform> transforms = new ArrayList<>();
        for (int j = 0; j < features.length; j++) {
            transforms.add(new FeatureTransform(features[j], features[j].toLowerCase(), FeatureLabels.label(features[j]),
                    j, false, 0, 1, 0, null, null, 0, 1));
        }
        return transforms;
    }

}
