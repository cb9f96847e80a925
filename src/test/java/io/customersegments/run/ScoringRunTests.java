package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.Api.Answer;
import io.customersegments.ServiceTest;

/** A finished run's model assigns another dataset's customers without retraining, and says how far they drifted. */
@ServiceTest
class ScoringRunTests {

    private static final String FEATURES = "\"features\": [\"Annual Income (k$)\", \"Spending Score (1-100)\"]";

    @LocalServerPort
    int port;

    private Api api() {
        return new Api(port);
    }

    @Test
    void scoringTheTrainingCustomersAgainAssignsThemAsTheRunDidWithNoDrift() {
        long dataset = api().uploadMallCustomers();
        long trained = api().succeededRun("{\"datasetId\": " + dataset + ", \"k\": 5, " + FEATURES + "}");
        JsonNode scored = score(trained, dataset);

        JsonNode model = api().get("/api/segmentations/" + trained).json();
        for (int s = 0; s < 5; s++) {
            JsonNode before = model.get("segments").get(s);
            JsonNode now = scored.get("segments").get(s);
            assertThat(now.get("key").asString()).isEqualTo(before.get("key").asString());
            assertThat(now.get("name").asString()).isEqualTo(before.get("name").asString());
            assertThat(now.get("size").asLong()).isEqualTo(before.get("size").asLong());
            assertThat(now.get("recommendations")).isEqualTo(before.get("recommendations"));
        }
        JsonNode drift = scored.get("drift");
        assertThat(drift.get("modelRunId").asLong()).isEqualTo(trained);
        assertThat(drift.get("trainingRows").asLong()).isEqualTo(200);
        assertThat(drift.get("scoredRows").asLong()).isEqualTo(200);
        assertThat(drift.get("features")).hasSize(2).allSatisfy(feature ->
            assertThat(feature.get("psi").asDouble()).isZero());
        assertThat(drift.get("segments")).allSatisfy(segment ->
            assertThat(segment.get("changePoints").asDouble()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9)));
        assertThat(drift.get("meanDistanceChange").asDouble()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(drift.get("outOfRange").asLong()).isZero();
        assertThat(drift.get("driftDetected").asBoolean()).isFalse();
        assertThat(drift.get("reasons")).isEmpty();
        assertThat(scored.get("params").get("scoredFrom").asLong()).isEqualTo(trained);

        // Scoring with a scoring run applies the model of the run that trained it, and measures drift against that
        // run's customers.
        JsonNode again = score(scored.get("id").asLong(), dataset);
        assertThat(again.get("scoredFrom").asLong()).isEqualTo(trained);
        assertThat(again.get("drift").get("modelRunId").asLong()).isEqualTo(trained);

        // Another table (the same file uploaded again) scored with the model: the names, but keys of its own.
        long other = api().uploadMallCustomers();
        JsonNode elsewhere = score(trained, other);
        assertThat(elsewhere.get("segments").get(0).get("name").asString())
            .isEqualTo(model.get("segments").get(0).get("name").asString());
        assertThat(elsewhere.get("segments")).noneSatisfy(segment ->
            assertThat(model.toString()).contains(segment.get("key").asString()));
    }

    @Test
    void theTrainingCustomersAreComparedAsTheModelPlacesThemSoOutliersTheRunDroppedAreNoDrift() {
        long dataset = api().uploadMallCustomers();
        long trained = api().succeededRun("{\"datasetId\": " + dataset + ", \"k\": 5, \"outliers\": \"DROP\", "
                + FEATURES + "}");
        JsonNode drift = score(trained, dataset).get("drift");
        assertThat(drift.get("trainingRows").asLong()).isEqualTo(200);
        assertThat(drift.get("features")).allSatisfy(feature -> assertThat(feature.get("psi").asDouble()).isZero());
        assertThat(drift.get("segments")).allSatisfy(segment ->
            assertThat(segment.get("changePoints").asDouble()).isZero());
        assertThat(drift.get("driftDetected").asBoolean()).isFalse();
    }

    @Test
    void customersWhoseIncomeDoubledAreReportedAsDrifted() {
        long dataset = api().uploadMallCustomers();
        long trained = api().succeededRun("{\"datasetId\": " + dataset + ", \"k\": 5, " + FEATURES + "}");
        List<String> lines = Api.mallCustomerLines();
        List<String> richer = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            fields[3] = String.valueOf(2 * Integer.parseInt(fields[3]));
            richer.add(String.join(",", fields));
        }
        Answer version = api().postCsv("/api/datasets/" + dataset + "/versions/csv?force=true",
                String.join("\n", richer));
        assertThat(version.status()).as(version.body()).isEqualTo(201);
        JsonNode scored = score(trained, version.json().get("id").asLong());
        JsonNode drift = scored.get("drift");
        // Names stay the model's; descriptions state the scored customers' own sizes and means.
        JsonNode model = api().get("/api/segmentations/" + trained).json();
        for (int s = 0; s < model.get("segments").size(); s++) {
            JsonNode now = scored.get("segments").get(s);
            assertThat(now.get("name").asString()).isEqualTo(model.get("segments").get(s).get("name").asString());
            assertThat(now.get("description").asString()).startsWith(now.get("size").asLong() + " customers");
        }

        assertThat(drift.get("driftDetected").asBoolean()).isTrue();
        JsonNode income = drift.get("features").get(0);
        assertThat(income.get("feature").asString()).isEqualTo("Annual Income (k$)");
        assertThat(income.get("psi").asDouble()).isGreaterThan(1);
        assertThat(income.get("drifted").asBoolean()).isTrue();
        JsonNode spending = drift.get("features").get(1);
        assertThat(spending.get("psi").asDouble()).isZero();
        assertThat(drift.get("outOfRange").asLong()).isPositive();
        assertThat(drift.get("reasons").get(0).asString()).contains("\"Annual Income (k$)\" shifted");
        assertThat(drift.get("segments")).anySatisfy(segment -> assertThat(segment.get("drifted").asBoolean()).isTrue());
        assertThat(drift.get("meanDistanceChange").asDouble()).isPositive();
    }

    @Test
    void aMixtureScoresItsOwnCustomersAsItsRunDidAndRfmRunsDoNotScore() {
        long dataset = api().uploadMallCustomers();
        long mixture = api().succeededRun("{\"datasetId\": " + dataset + ", \"k\": 4, \"method\": \"GAUSSIAN_MIXTURE\", "
                + FEATURES + "}");
        // The run's own labels are its last E-step's, before the final update of the parameters the model stores:
        // a customer on a border may go the other way.
        assertSameSizes(mixture, score(mixture, dataset), 2);

        // RFM scores are quintiles of a run's own customers: a new version gets an RFM run of its own.
        JsonNode lines = api().uploadCdnowTransactions();
        long rfm = api().succeededRun("{\"datasetId\": " + lines.get("derivedDatasetId").asLong()
                + ", \"method\": \"RFM\"}");
        Answer refused = api().postJson("/api/segmentations/" + rfm + "/score", "{\"datasetId\": "
                + lines.get("derivedDatasetId").asLong() + "}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("start an RFM run on the new customers");
    }

    @Test
    void onlyASucceededRunScoresAndOnlyADatasetWithItsColumns() {
        long dataset = api().uploadMallCustomers();
        long trained = api().succeededRun("{\"datasetId\": " + dataset + ", \"k\": 3, " + FEATURES + "}");
        Answer noDataset = api().postJson("/api/segmentations/" + trained + "/score", "{}");
        assertThat(noDataset.status()).isEqualTo(400);
        assertThat(noDataset.contentType()).startsWith("application/problem+json");
        Answer other = api().postCsv("/api/datasets?force=true", "id,Annual Income (k$),Spending\n1,3,4\n2,5,6\n3,7,8\n");
        Answer withoutColumn = api().postJson("/api/segmentations/" + trained + "/score",
                "{\"datasetId\": " + other.json().get("id").asLong() + "}");
        assertThat(withoutColumn.status()).isEqualTo(400);
        assertThat(withoutColumn.body()).contains("Spending Score (1-100)");
        Answer typed = api().postCsv("/api/datasets?force=true", "id,Annual Income (k$),Spending Score (1-100)\n"
                + "1,3,low\n2,5,high\n3,7,low\n");
        Answer otherKinds = api().postJson("/api/segmentations/" + trained + "/score",
                "{\"datasetId\": " + typed.json().get("id").asLong() + "}");
        assertThat(otherKinds.status()).isEqualTo(400);
        assertThat(otherKinds.body()).contains("not of the same kinds");
        assertThat(api().postJson("/api/segmentations/987654321/score", "{\"datasetId\": " + dataset + "}").status())
            .isEqualTo(404);
        assertThat(api().postJson("/api/segmentations/" + trained + "/score", "{\"datasetId\": 987654321}").status())
            .isEqualTo(404);
        Api reader = api().withKey(api().createKey("scoring reader " + System.nanoTime(), "READER"));
        assertThat(reader.postJson("/api/segmentations/" + trained + "/score", "{\"datasetId\": " + dataset + "}")
            .status()).isEqualTo(403);
    }

    private JsonNode score(long run, long dataset) {
        Answer started = api().postJson("/api/segmentations/" + run + "/score", "{\"datasetId\": " + dataset + "}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.location()).endsWith("/api/segmentations/" + started.json().get("id").asLong());
        JsonNode scored = api().awaitRun(started.json().get("id").asLong());
        assertThat(scored.get("status").asString()).as(scored.toString()).isEqualTo("SUCCEEDED");
        return scored;
    }

    private void assertSameSizes(long run, JsonNode scored, int tolerance) {
        JsonNode model = api().get("/api/segmentations/" + run).json();
        assertThat(scored.get("segments")).hasSameSizeAs(model.get("segments"));
        for (int s = 0; s < model.get("segments").size(); s++) {
            assertThat(scored.get("segments").get(s).get("size").asLong()).as("segment %d", s)
                .isCloseTo(model.get("segments").get(s).get("size").asLong(), org.assertj.core.data.Offset.offset(
                        (long) tolerance));
        }
        assertThat(scored.get("drift").get("driftDetected").asBoolean()).isFalse();
    }

}
