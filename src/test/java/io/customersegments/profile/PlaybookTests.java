package io.customersegments.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

import io.customersegments.dataset.DatasetColumn;
import io.customersegments.preparation.FeatureLabels;
import io.customersegments.preparation.FeatureTransform;

class PlaybookTests {

    private static final List<FeatureTransform> INCOME_AND_VISITS = List.of(
            new FeatureTransform("Annual Income (k$)", "annual_income_k", "Income", 0, false, 0, 1, 0, null, null, 0, 1),
            new FeatureTransform("Store Visits", "store_visits", "Store Visits", 1, false, 0, 1, 0, null, null, 0, 1));

    @Test
    void theBuiltInPlaybookMatchesRulesOnConceptsAndFallsBackForUnknownFeatures() {
        Playbook playbook = new PlaybookConfiguration().playbook(new PlaybookSettings(""), JsonMapper.builder().build());

        List<Recommendation> highIncome = playbook.recommend(segment(Level.HIGH, Level.LOW, 2.0, -0.1), INCOME_AND_VISITS);
        List<Recommendation> onlyVisits = playbook.recommend(segment(Level.MODERATE, Level.LOW, 0.1, -1.5),
                INCOME_AND_VISITS);

        assertThat(highIncome).isNotEmpty();
        assertThat(onlyVisits).extracting(Recommendation::action)
            .contains("Test an incentive aimed at their low store visits");
    }

    @Test
    void aPlaybookFileNamedInTheSettingsReplacesTheBuiltInOne(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("playbook.yml");
        Files.writeString(file, """
                concepts:
                  income: [income]
                rules:
                  - when: { income: HIGH }
                    recommendations:
                      - { action: Offer the gold card, channel: Branch, rationale: They qualify. }
                fallback:
                  LOW: { action: "Nudge {feature}", channel: Email, rationale: Low. }
                """);
        Playbook playbook = new PlaybookConfiguration().playbook(new PlaybookSettings(file.toString()),
                JsonMapper.builder().build());

        assertThat(playbook.recommend(segment(Level.HIGH, Level.LOW, 2.0, -0.1), INCOME_AND_VISITS))
            .containsExactly(new Recommendation("Offer the gold card", "Branch", "They qualify."));
    }

    /** Spend on wines, meat and fruit, and purchases on the web, by catalogue and in store, with the given indexes. */
    private static final List<FeatureTransform> CAMPAIGN = List.of(
            transform("MntWines"), transform("MntMeatProducts"), transform("MntFruits"), transform("NumWebPurchases"),
            transform("NumCatalogPurchases"), transform("NumStorePurchases"), transform("NumDealsPurchases"));

    private static FeatureTransform transform(String name) {
        return new FeatureTransform(name, DatasetColumn.keyOf(name), FeatureLabels.label(name), 0, false, 0, 1, 0, null, null,
                0, 1);
    }

    private static SegmentProfile indexed(double... indexes) {
        Map<String, FeatureProfile> profile = new LinkedHashMap<>();
        for (int j = 0; j < indexes.length; j++) {
            profile.put(CAMPAIGN.get(j).feature(), new FeatureProfile(1, 1, 1, 1, null, Level.MODERATE, indexes[j]));
        }
        return new SegmentProfile(0, 10, 0.5, new double[indexes.length], Map.of(), profile, Map.of(), null,
                new double[indexes.length], null, null, List.of(), null, List.of());
    }

    @Test
    void preferencesNameTheCategoryAndChannelASegmentOverIndexesOnMost() {
        Playbook playbook = new PlaybookConfiguration().playbook(new PlaybookSettings(""), JsonMapper.builder().build());

        List<Recommendation> wine = playbook.recommend(indexed(240, 190, 90, 40, 160, 130, 30), CAMPAIGN);

        assertThat(wine).extracting(Recommendation::action)
            .contains("Lead with a wine offer, new wine lines and a wine bundle",
                    "Reach them by catalogue first, where they already buy",
                    "Sell on quality and novelty rather than discounts");
        assertThat(wine).extracting(Recommendation::rationale)
            .contains("They spend 2.4× the average on wine; their favourite category is the way in.",
                    "They buy by catalogue 1.6× as often as the average customer.");
        assertThat(wine).extracting(Recommendation::channel).contains("by catalogue");

        List<Recommendation> online = playbook.recommend(indexed(60, 70, 170, 180, 50, 60, 200), CAMPAIGN);
        assertThat(online).extracting(Recommendation::action)
            .contains("Lead with a fruit offer, new fruit lines and a fruit bundle",
                    "Reach them online first, where they already buy",
                    "Lead with deals, bundles and limited-time discounts")
            .doesNotContain("Lead with a wine offer, new wine lines and a wine bundle");

        // Features named by their keys match the same rules, exclusions included.
        List<FeatureTransform> byKey = CAMPAIGN.stream()
            .map(t -> new FeatureTransform(t.key(), t.key(), t.label(), 0, false, 0, 1, 0, null, null, 0, 1))
            .toList();
        Map<String, FeatureProfile> keyed = new LinkedHashMap<>();
        double[] indexes = { 60, 70, 170, 180, 50, 60, 200 };
        for (int j = 0; j < byKey.size(); j++) {
            keyed.put(byKey.get(j).feature(), new FeatureProfile(1, 1, 1, 1, null, Level.MODERATE, indexes[j]));
        }
        assertThat(playbook.recommend(new SegmentProfile(0, 10, 0.5, new double[7], Map.of(), keyed, Map.of(), null,
                new double[7], null, null, List.of(), null, List.of()), byKey)).containsAll(online);

        List<Recommendation> average = playbook.recommend(indexed(100, 100, 100, 100, 100, 100, 100), CAMPAIGN);
        assertThat(average).extracting(Recommendation::action).noneMatch(action -> action.startsWith("Lead with a"));
    }

    @Test
    void aPreferenceMatchesPatternsOnNameOrKeyAndTakesTheStrongestUnderIndexed() {
        Preference lapsing = new Preference(List.of("p_alive", "*Alive"), List.of(), null, 70.0, Map.of(),
                "Win back ({feature})", "Email", "{ratio}× the average");
        FeatureTransform alive = new FeatureTransform("Chance Alive", "p_alive", "Chance Alive", 0, false, 0, 1, 0, null,
                null, 0, 1);
        Map<String, FeatureProfile> profile = Map.of("Chance Alive", new FeatureProfile(0.3, 0.3, 0, 1, null, Level.LOW,
                45.0));
        SegmentProfile segment = new SegmentProfile(0, 10, 0.5, new double[1], Map.of(), profile, Map.of(), null,
                new double[1], null, null, List.of(), null, List.of());

        assertThat(lapsing.recommend(segment, List.of(alive)))
            .contains(new Recommendation("Win back (chance alive)", "Email", "0.5× the average"));
        Map<String, FeatureProfile> healthy = Map.of("Chance Alive", new FeatureProfile(0.9, 0.9, 0, 1, null, Level.HIGH,
                120.0));
        assertThat(lapsing.recommend(new SegmentProfile(0, 10, 0.5, new double[1], Map.of(), healthy, Map.of(), null,
                new double[1], null, null, List.of(), null, List.of()), List.of(alive))).isEmpty();
    }

    private static SegmentProfile segment(Level income, Level visits, double incomeZ, double visitsZ) {
        Map<String, FeatureProfile> profile = new LinkedHashMap<>();
        profile.put("Annual Income (k$)", new FeatureProfile(1, 1, 1, 1, null, income));
        profile.put("Store Visits", new FeatureProfile(1, 1, 1, 1, null, visits));
        return new SegmentProfile(0, 10, 0.5, new double[2], Map.of(), profile, Map.of(), null,
                new double[] { incomeZ, visitsZ }, null, null, List.of(), null, List.of());
    }

}
