package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

/** Categorical features clustered beside numeric and derived ones, named and explained, on the marketing fixture. */
@ServiceTest
class CategoricalFeatureTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private long run(long datasetId, String extra) {
        return api.succeededRun("{\"datasetId\": " + datasetId + ", \"features\": [\"Income\", \"TotalSpend\", "
                + "\"Children\", \"Age\", \"Marital_Status\"], \"derived\": " + DerivedFeatureTests.DERIVED
                + ", \"k\": 3, \"missing\": \"MEDIAN\"" + extra + "}");
    }

    @Test
    void segmentsSayTheirDominantCategoryAndExplainThemselves() {
        long datasetId = api.uploadMarketingCampaign().get("id").asLong();
        long runId = run(datasetId, "");

        JsonNode run = api.get("/api/segmentations/" + runId).json();
        List<String> names = new ArrayList<>();
        JsonNode families = null;
        JsonNode affluent = null;
        for (JsonNode segment : run.get("segments")) {
            names.add(segment.get("name").asString());
            JsonNode mix = segment.get("mix").get("Marital_Status");
            assertThat(mix).isNotEmpty();
            assertThat(mix.get(0).get("populationShare").asDouble()).isBetween(0.0, 1.0);
            double spendIndex = segment.get("profile").get("TotalSpend").get("index").asDouble();
            if (spendIndex < 30) {
                families = segment;
            }
            if (spendIndex > 200) {
                affluent = segment;
            }
        }
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names).allSatisfy(name -> assertThat(name).doesNotContain("High Age", "Low Age")
            .doesNotMatch(".* [A-Z]$"));
        assertThat(families).as("the planted families segment").isNotNull();
        assertThat(affluent).as("the planted affluent segment").isNotNull();
        // Half the planted families are single, against about a fifth of everyone: their name says so.
        assertThat(families.get("name").asString()).contains("Single");
        assertThat(families.get("description").asString()).containsPattern("\\d+% are Single \\(\\d+% of all customers\\)")
            .contains("Against the average customer:")
            .contains("× the average spend");
        assertThat(affluent.get("description").asString()).containsPattern("\\d\\.\\d× the average spend");

        assertThat(api.get("/api/segmentations/" + runId + "/charts/silhouette").status()).isEqualTo(200);
        assertThat(api.get("/api/segmentations/" + runId + "/charts/profile").status()).isEqualTo(200);

        JsonNode predicted = api.postJson("/api/segmentations/" + runId + "/predict", """
                [{"externalId": "known", "Income": 30000, "TotalSpend": 80, "Children": 2, "Age": 31,
                  "Marital_Status": "Single"},
                 {"externalId": "unseen", "Income": 30000, "TotalSpend": 80, "Children": 2, "Age": 31,
                  "Marital_Status": "Polyamorous"},
                 {"externalId": "folded", "Income": 30000, "TotalSpend": 80, "Children": 2, "Age": 31,
                  "Marital_Status": "YOLO"}]
                """).json();
        assertThat(predicted.get(0).get("segmentKey").asString()).isEqualTo(families.get("key").asString());
        assertThat(predicted.get(0).get("unseenCategories")).isEmpty();
        assertThat(predicted.get(1).get("unseenCategories").get("Marital_Status").asString()).isEqualTo("Polyamorous");
        // YOLO was seen, rarely: it counts as Other, not as unseen.
        assertThat(predicted.get(2).get("unseenCategories")).isEmpty();
    }

    @Test
    void aWeightChangesWhatAFeatureCountsForAndMustNameAFeature() {
        long datasetId = api.uploadMarketingCampaign().get("id").asLong();
        // Marital status counts for nearly everything: each status's customers end up in one segment.
        long runId = run(datasetId, ", \"weights\": {\"Marital_Status\": 50, \"Income\": 0.01, \"TotalSpend\": 0.01, "
                + "\"Children\": 0.01, \"Age\": 0.01}, \"rareCategoryShare\": 0.05");
        JsonNode run = api.get("/api/segmentations/" + runId).json();
        List<String> statuses = new ArrayList<>();
        for (JsonNode segment : run.get("segments")) {
            segment.get("mix").get("Marital_Status").forEach(share -> statuses.add(share.get("value").asString()));
        }
        assertThat(statuses).doesNotHaveDuplicates().contains("Married", "Single");

        Api.Answer unknown = api.postJson("/api/segmentations", "{\"datasetId\": " + datasetId + ", \"features\": "
                + "[\"Income\"], \"weights\": {\"Recency\": 2}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("weights names \\\"Recency\\\", which is not one of the features");
        Api.Answer negative = api.postJson("/api/segmentations", "{\"datasetId\": " + datasetId + ", \"features\": "
                + "[\"Income\"], \"weights\": {\"Income\": -1}}");
        assertThat(negative.status()).isEqualTo(400);
        Api.Answer logOfText = api.postJson("/api/segmentations", "{\"datasetId\": " + datasetId + ", \"features\": "
                + "[\"Income\", \"Education\"], \"logTransform\": [\"Education\"]}");
        assertThat(logOfText.status()).isEqualTo(400);
        assertThat(logOfText.body()).contains("a categorical feature");
    }

}
