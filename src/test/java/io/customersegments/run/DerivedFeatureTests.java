package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

/** Derived features end to end on the marketing-campaign fixture: defined in the request, clustered, profiled, predicted. */
@ServiceTest
class DerivedFeatureTests {

    static final String DERIVED = """
            [{"name": "Age", "expression": "2014 - Year_Birth"},
             {"name": "TotalSpend", "expression": "MntWines + MntFruits + MntMeatProducts + MntFishProducts + MntSweetProducts + MntGoldProds"},
             {"name": "Children", "expression": "Kidhome + Teenhome"},
             {"name": "TenureDays", "expression": "days('2014-12-31') - days(Dt_Customer)"},
             {"name": "WebShare", "expression": "NumWebPurchases / max(1, NumWebPurchases + NumCatalogPurchases + NumStorePurchases)"}]
            """;

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void derivedFeaturesAreClusteredProfiledChartedAndPredictedInTheirOwnUnits() {
        long datasetId = api.uploadMarketingCampaign().get("id").asLong();
        long runId = api.succeededRun("{\"datasetId\": " + datasetId + ", \"features\": [\"Income\", \"TotalSpend\", "
                + "\"Children\", \"Age\"], \"derived\": " + DERIVED + ", \"k\": 3, \"missing\": \"MEDIAN\"}");

        JsonNode run = api.get("/api/segmentations/" + runId).json();
        assertThat(run.get("params").get("derived")).hasSize(5);
        assertThat(run.get("params").get("featureKeys").toString()).isEqualTo("[\"income\",\"total_spend\",\"children\",\"age\"]");
        List<Double> ages = new ArrayList<>();
        List<Double> spends = new ArrayList<>();
        long customers = 0;
        for (JsonNode segment : run.get("segments")) {
            customers += segment.get("size").asLong();
            JsonNode profile = segment.get("profile");
            assertThat(profile.has("TotalSpend")).isTrue();
            ages.add(profile.get("Age").get("mean").asDouble());
            spends.add(profile.get("TotalSpend").get("mean").asDouble());
            // Centres are in the features' own units: ages in years, not standard deviations.
            assertThat(segment.get("centroid").get("Age").asDouble()).isBetween(15.0, 70.0);
        }
        assertThat(customers).isEqualTo(500);
        // The planted kinds: affluent (born ~1955, spend ~1,570), online (~1968, ~505), families (~1982, ~78).
        assertThat(ages).anySatisfy(age -> assertThat(age).isBetween(52.0, 64.0))
            .anySatisfy(age -> assertThat(age).isBetween(26.0, 38.0));
        assertThat(spends).anySatisfy(spend -> assertThat(spend).isGreaterThan(1200))
            .anySatisfy(spend -> assertThat(spend).isLessThan(150));

        assertThat(api.get("/api/segmentations/" + runId + "/charts/scatter?x=Age&y=TotalSpend").status()).isEqualTo(200);
        // The export computes the derived features in their own units: the fixture's first customer was born in 1963,
        // spent 254 + 24 + 139 + 23 + 14 + 43 = 497 and has 0 + 1 children.
        String[] export = api.get("/api/segmentations/" + runId + "/assignments.csv", "text/csv").body().split("\r?\n");
        assertThat(export[0]).endsWith(",Income,TotalSpend,Children,Age");
        assertThat(export[1]).startsWith("1464,1,").endsWith(",55610.0,497.0,1.0,51.0");
        assertThat(api.get("/api/segmentations/" + runId + "/charts/profile").status()).isEqualTo(200);

        // Predict computes the derived features from the raw fields a customer is sent with.
        JsonNode predicted = api.postJson("/api/segmentations/" + runId + "/predict", """
                [{"externalId": "rich", "Income": 80000, "MntWines": 900, "MntFruits": 60, "MntMeatProducts": 500,
                  "MntFishProducts": 80, "MntSweetProducts": 60, "MntGoldProds": 70, "Kidhome": 0, "Teenhome": 0,
                  "Year_Birth": 1955},
                 {"externalId": "family", "Income": 28000, "TotalSpend": 70, "Children": 2, "Age": 30}]
                """).json();
        assertThat(predicted).hasSize(2);
        String rich = predicted.get(0).get("segmentKey").asString();
        String family = predicted.get(1).get("segmentKey").asString();
        assertThat(rich).isNotEqualTo(family);
        JsonNode richSegment = segment(run, rich);
        assertThat(richSegment.get("profile").get("TotalSpend").get("mean").asDouble()).isGreaterThan(1200);

        Api.Answer missingInput = api.postJson("/api/segmentations/" + runId + "/predict",
                "[{\"Income\": 50000, \"MntWines\": 10, \"Kidhome\": 0, \"Teenhome\": 1, \"Year_Birth\": 1970}]");
        assertThat(missingInput.status()).isEqualTo(400);
        assertThat(missingInput.body()).contains("derived feature \\\"TotalSpend\\\"").contains("MntFruits");
    }

    @Test
    void aFormulaWithAMistakeIsRefusedWithWhereAndTheKnownColumns() {
        long datasetId = api.uploadMarketingCampaign().get("id").asLong();
        Api.Answer answer = api.postJson("/api/segmentations", "{\"datasetId\": " + datasetId + ", \"features\": "
                + "[\"Income\", \"Spend\"], \"derived\": [{\"name\": \"Spend\", \"expression\": \"MntWines + MntFrutis\"}]}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asString()).endsWith("/problems/invalid-expression");
        assertThat(problem.get("expression").asString()).isEqualTo("MntWines + MntFrutis");
        assertThat(problem.get("position").asInt()).isEqualTo(11);
        assertThat(problem.get("detail").asString()).contains("at position 11,");
        assertThat(problem.get("detail").asString()).contains("unknown column \"MntFrutis\"");
        assertThat(problem.get("knownColumns").toString()).contains("MntFruits").contains("Dt_Customer")
            .doesNotContain("Education");

        Api.Answer text = api.postJson("/api/segmentations", "{\"datasetId\": " + datasetId + ", \"features\": "
                + "[\"Income\", \"X\"], \"derived\": [{\"name\": \"X\", \"expression\": \"Education * 2\"}]}");
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().get("detail").asString()).contains("\"Education\" is a categorical (text) column");

        Api.Answer taken = api.postJson("/api/segmentations", "{\"datasetId\": " + datasetId + ", \"features\": "
                + "[\"Income\"], \"derived\": [{\"name\": \"Recency\", \"expression\": \"Recency * 2\"}]}");
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.body()).contains("has the name of a column");

        Api.Answer date = api.postJson("/api/segmentations", "{\"datasetId\": " + datasetId + ", \"features\": "
                + "[\"Income\", \"Dt_Customer\"]}");
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.body()).contains("days(Dt_Customer)");

        // A name becomes a key of the stored profiles, read back as JSON: bounded, so a run stays readable.
        String longName = "N".repeat(70_000);
        Api.Answer named = api.postJson("/api/segmentations", "{\"datasetId\": " + datasetId + ", \"features\": "
                + "[\"Income\", \"" + longName + "\"], \"derived\": [{\"name\": \"" + longName
                + "\", \"expression\": \"Recency * 2\"}]}");
        assertThat(named.status()).isEqualTo(400);
        assertThat(named.json().get("detail").asString()).contains("must be at most 200 characters");
        // An over-long formula is refused without being echoed back.
        Api.Answer longFormula = api.postJson("/api/segmentations", "{\"datasetId\": " + datasetId + ", \"features\": "
                + "[\"Income\", \"X\"], \"derived\": [{\"name\": \"X\", \"expression\": \""
                + "Recency + ".repeat(50_000) + "1\"}]}");
        assertThat(longFormula.status()).isEqualTo(400);
        assertThat(longFormula.json().get("detail").asString()).contains("must be at most 2000 characters");
        assertThat(longFormula.body().length()).isLessThan(5_000);
    }

    @Test
    void aDivisionByZeroIsAMissingValueThatThePolicyHandles() {
        long datasetId = api.uploadMarketingCampaign().get("id").asLong();
        // Customers with no teenagers have no spend per teenager: with DROP they are left out.
        long runId = api.succeededRun("{\"datasetId\": " + datasetId + ", \"features\": [\"Income\", \"PerTeen\"], "
                + "\"derived\": [{\"name\": \"PerTeen\", \"expression\": \"MntWines / Teenhome\"}], \"k\": 2}");
        JsonNode run = api.get("/api/segmentations/" + runId).json();
        long expected = 0;
        List<String> lines = fixtureLines();
        List<String> header = List.of(lines.get(0).split("\t"));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            boolean hasIncome = !cells[header.indexOf("Income")].isEmpty();
            expected += hasIncome && Integer.parseInt(cells[header.indexOf("Teenhome")]) > 0 ? 1 : 0;
        }
        assertThat(expected).isBetween(100L, 400L);
        assertThat(run.get("rowsUsed").asLong()).isEqualTo(expected);
        assertThat(run.get("rowsDropped").get("missing").asLong()).isEqualTo(500 - expected);

        // A formula that is the same for everyone: the run says so, and no name speaks of it.
        long constant = api.succeededRun("{\"datasetId\": " + datasetId + ", \"features\": [\"Income\", \"Zero\"], "
                + "\"derived\": [{\"name\": \"Zero\", \"expression\": \"Income * 0\"}], \"k\": 3}");
        JsonNode flat = api.get("/api/segmentations/" + constant).json();
        assertThat(flat.get("warnings").toString()).contains("\\\"Zero\\\" has the same value (0) for every customer");
        flat.get("segments").forEach(segment -> assertThat(segment.get("name").asString()).doesNotContain("Zero"));
    }

    static List<String> fixtureLines() {
        try (var in = DerivedFeatureTests.class.getResourceAsStream("/data/marketing_campaign_sample.tsv")) {
            return List.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n"));
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static JsonNode segment(JsonNode run, String key) {
        for (JsonNode segment : run.get("segments")) {
            if (segment.get("key").asString().equals(key)) {
                return segment;
            }
        }
        throw new AssertionError("no segment " + key);
    }

}
