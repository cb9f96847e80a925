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

/**
 * The customer-personality workflow end to end on a file in the shape of Kaggle's marketing_campaign.csv
 * (tab-separated, dd-mm-yyyy dates, planted problems): the upload warns of the planted values, and one
 * Gaussian mixture run on engineered and categorical features gives soft segments that explain themselves.
 */
@ServiceTest
class MarketingCampaignTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void fromTheCampaignFileToSoftSegmentsThatExplainThemselves() {
        JsonNode upload = api.uploadMarketingCampaign();
        assertThat(upload.get("quality").get("delimiter").asString()).isEqualTo("\\t");
        List<String> planted = new ArrayList<>();
        upload.get("quality").get("valueWarnings").forEach(w -> planted.add(w.get("kind").asString()));
        assertThat(planted).contains("EXTREME_OUTLIER", "BIRTH_YEAR_BEFORE_1900");
        long datasetId = upload.get("id").asLong();
        JsonNode columns = api.get("/api/datasets/" + datasetId).json().get("columns");
        List<String> roles = new ArrayList<>();
        columns.forEach(column -> roles.add(column.get("key").asString() + ":" + column.get("role").asString()));
        assertThat(roles).contains("dt_customer:DATE", "education:CATEGORICAL", "marital_status:CATEGORICAL",
                "income:NUMERIC");

        // Engineered and categorical features together, k chosen by silhouette.
        long runId = api.succeededRun("{\"datasetId\": " + datasetId + ", \"features\": [\"Income\", \"TotalSpend\", "
                + "\"Age\", \"Children\", \"WebShare\", \"Marital_Status\"], \"derived\": " + DerivedFeatureTests.DERIVED
                + ", \"kMin\": 2, \"kMax\": 6, \"outliers\": \"DROP\"}");

        JsonNode run = api.get("/api/segmentations/" + runId).json();
        assertThat(run.get("summary").asString()).contains("segments of").contains("Separation is")
            .contains("Stability is");
        List<String> names = new ArrayList<>();
        for (JsonNode segment : run.get("segments")) {
            names.add(segment.get("name").asString());
            assertThat(segment.get("profile").get("TotalSpend").get("index").isNumber()).isTrue();
            assertThat(segment.get("mix").has("Marital_Status")).isTrue();
            assertThat(segment.get("description").asString()).contains("customers (");
            assertThat(segment.get("recommendations")).isNotEmpty();
        }
        assertThat(names).doesNotHaveDuplicates();
        // The planted affluent customers spend far more than average on every product, wine most of all.
        JsonNode affluent = null;
        for (JsonNode segment : run.get("segments")) {
            if (segment.get("profile").get("TotalSpend").get("index").asDouble() > 200) {
                affluent = segment;
            }
        }
        assertThat(affluent).isNotNull();
        assertThat(affluent.get("description").asString()).contains("× the average spend");

        String customer = """
                [{"Income": 81000, "MntWines": 850, "MntFruits": 60, "MntMeatProducts": 520, "MntFishProducts": 80,
                  "MntSweetProducts": 60, "MntGoldProds": 70, "Year_Birth": 1954, "Kidhome": 0, "Teenhome": 0,
                  "NumWebPurchases": 5, "NumCatalogPurchases": 6, "NumStorePurchases": 9, "Marital_Status": "Married"}]
                """;
        JsonNode predicted = api.postJson("/api/segmentations/" + runId + "/predict", customer).json();
        assertThat(predicted.get(0).get("segmentKey").asString()).isEqualTo(affluent.get("key").asString());

        // Soft segments of the engineered numbers: each customer's probability of its segment.
        long softId = api.succeededRun("{\"datasetId\": " + datasetId + ", \"method\": \"GAUSSIAN_MIXTURE\", "
                + "\"features\": [\"Income\", \"TotalSpend\", \"Age\"], \"derived\": " + DerivedFeatureTests.DERIVED
                + ", \"kMin\": 2, \"kMax\": 5, \"outliers\": \"DROP\"}");
        JsonNode soft = api.get("/api/segmentations/" + softId).json();
        assertThat(soft.get("selection").get("criterion").asString()).isEqualTo("BIC");
        assertThat(soft.get("k").asInt()).isEqualTo(3);
        assertThat(soft.get("summary").asString()).contains("3 soft segments of 473 customers")
            .contains("Separation is").doesNotContain("Stability");
        JsonNode probable = api.postJson("/api/segmentations/" + softId + "/predict", customer).json().get(0);
        assertThat(probable.get("probability").asDouble()).isGreaterThan(0.9);
        JsonNode softAffluent = null;
        for (JsonNode segment : soft.get("segments")) {
            if (segment.get("key").asString().equals(probable.get("segmentKey").asString())) {
                softAffluent = segment;
            }
        }
        assertThat(softAffluent.get("profile").get("TotalSpend").get("index").asDouble()).isGreaterThan(200);

        // A mixture takes neither categories (each would be a segment of zero spread) nor weights.
        Api.Answer categories = api.postJson("/api/segmentations", "{\"datasetId\": " + datasetId
                + ", \"method\": \"GAUSSIAN_MIXTURE\", \"features\": [\"Income\", \"Marital_Status\"]}");
        assertThat(categories.status()).isEqualTo(400);
        assertThat(categories.body()).contains("a Gaussian mixture models numeric features");
        Api.Answer weighted = api.postJson("/api/segmentations", "{\"datasetId\": " + datasetId
                + ", \"method\": \"GAUSSIAN_MIXTURE\", \"features\": [\"Income\", \"Recency\"], "
                + "\"weights\": {\"Income\": 2}}");
        assertThat(weighted.status()).isEqualTo(400);
    }

}
