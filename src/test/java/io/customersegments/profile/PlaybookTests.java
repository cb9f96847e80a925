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

    private static SegmentProfile segment(Level income, Level visits, double incomeZ, double visitsZ) {
        Map<String, FeatureProfile> profile = new LinkedHashMap<>();
        profile.put("Annual Income (k$)", new FeatureProfile(1, 1, 1, 1, null, income));
        profile.put("Store Visits", new FeatureProfile(1, 1, 1, 1, null, visits));
        return new SegmentProfile(0, 10, 0.5, new double[2], Map.of(), profile, Map.of(), null,
                new double[] { incomeZ, visitsZ }, null, null, List.of(), null);
    }

}
