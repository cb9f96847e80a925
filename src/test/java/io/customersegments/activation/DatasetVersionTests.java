package io.customersegments.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.Api.Answer;
import io.customersegments.ServiceTest;

/**
 * A customer table's versions share what is published: a run of version 2 (here a scoring run with version 1's model)
 * replaces the live run of version 1, and the events say who entered and exited, customer by customer id.
 */
@ServiceTest
class DatasetVersionTests {

    private static final String RUN = "{\"datasetId\": %d, \"k\": 5, \"features\": [\"Annual Income (k$)\", "
            + "\"Spending Score (1-100)\"]}";

    @LocalServerPort
    int port;

    private Api api() {
        return new Api(port);
    }

    @Test
    void aScoredVersionPublishesOverTheFirstAndOnlyTheCustomersWhoChangedHaveEvents() {
        long first = api().uploadMallCustomers();
        long trained = api().succeededRun(RUN.formatted(first));
        publish(trained);
        List<JsonNode> entered = SegmentChangesTests.lineageEvents(api(), first, 0);
        Map<String, String> members = SegmentChangesTests.replay(new HashMap<>(), entered);
        assertThat(members).hasSize(200);

        // Version 2: customers 0001-0010 left, 0011-0020 spend very differently, five are new, the rest unchanged
        // (in another row order, so customers are matched by id, not by row).
        List<String> lines = new ArrayList<>(Api.mallCustomerLines());
        String header = lines.remove(0);
        List<String> next = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split(",");
            int number = Integer.parseInt(fields[0]);
            if (number <= 10) {
                continue;
            }
            if (number <= 20) {
                fields[4] = String.valueOf(100 - Integer.parseInt(fields[4]));
            }
            next.add(String.join(",", fields));
        }
        for (int i = 1; i <= 5; i++) {
            next.add("100" + i + ",Female,30," + (20 + 25 * i) + "," + (15 * i));
        }
        Collections.shuffle(next, new Random(7));
        Answer version = api().postCsv("/api/datasets/" + first + "/versions/csv?force=true&filename=mall-v2.csv",
                header + "\n" + String.join("\n", next) + "\n");
        assertThat(version.status()).as(version.body()).isEqualTo(201);
        long second = version.json().get("id").asLong();
        assertThat(version.json().get("lineageId").asLong()).isEqualTo(first);
        assertThat(version.json().get("version").asInt()).isEqualTo(2);
        assertThat(version.json().get("name").asString()).isEqualTo(api().get("/api/datasets/" + first).json()
            .get("name").asString());
        JsonNode versions = api().get("/api/datasets/" + second + "/versions").json();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("id").asLong()).isEqualTo(first);
        assertThat(versions.get(1).get("id").asLong()).isEqualTo(second);

        Answer started = api().postJson("/api/segmentations/" + trained + "/score", "{\"datasetId\": " + second + "}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long scoring = started.json().get("id").asLong();
        JsonNode scored = api().awaitRun(scoring);
        assertThat(scored.get("status").asString()).as(scored.toString()).isEqualTo("SUCCEEDED");
        assertThat(scored.get("scoredFrom").asLong()).isEqualTo(trained);
        assertThat(scored.get("rowsUsed").asLong()).isEqualTo(195);
        Set<String> trainedKeys = keys(api().get("/api/segmentations/" + trained).json());
        assertThat(keys(scored)).isEqualTo(trainedKeys);

        long cursor = entered.get(entered.size() - 1).get("id").asLong();
        publish(scoring);
        // Any version's id names the lineage: both answer the scoring run's segments.
        assertThat(api().get("/api/segments?dataset=" + first).json().get("segmentationId").asLong()).isEqualTo(scoring);
        assertThat(api().get("/api/segments?dataset=" + second).json().get("segmentationId").asLong()).isEqualTo(scoring);
        assertThat(api().get("/api/segmentations/" + trained).json().get("publishedAt").isNull()).isTrue();

        List<JsonNode> changes = SegmentChangesTests.lineageEvents(api(), second, cursor);
        assertThat(changes).allSatisfy(event -> {
            assertThat(event.get("datasetId").asLong()).isEqualTo(first);
            assertThat(event.get("segmentationId").asLong()).isEqualTo(scoring);
            int number = Integer.parseInt(event.get("customerId").asString());
            // The unchanged customers are assigned as before by the same model: no event.
            assertThat(number <= 20 || number > 1000).as(event.toString()).isTrue();
        });
        Set<String> exitedOnly = new HashSet<>();
        changes.stream().filter(event -> Integer.parseInt(event.get("customerId").asString()) <= 10)
            .forEach(event -> {
                assertThat(event.get("type").asString()).isEqualTo("EXITED");
                exitedOnly.add(event.get("customerId").asString());
            });
        assertThat(exitedOnly).hasSize(10);
        assertThat(changes.stream().filter(event -> Integer.parseInt(event.get("customerId").asString()) > 1000))
            .hasSize(5)
            .allSatisfy(event -> assertThat(event.get("type").asString()).isEqualTo("ENTERED"));
        SegmentChangesTests.replay(members, changes);
        assertThat(members).isEqualTo(SegmentChangesTests.liveSegments(api(), first)).hasSize(195);

        // Who moved where, counted over the 190 customers both versions have.
        long both = 0;
        for (JsonNode from : api().get("/api/segmentations/" + scoring).json().get("migration").get("customers")) {
            for (JsonNode count : from) {
                both += count.asLong();
            }
        }
        assertThat(both).isEqualTo(190);

        JsonNode history = api().get("/api/segments/history?dataset=" + second).json();
        assertThat(history.get("datasetId").asLong()).isEqualTo(first);
        assertThat(history.get("publishes")).hasSize(2);
        assertThat(history.get("publishes").get(1).get("changes").asInt()).isEqualTo(changes.size());
    }

    @Test
    void aVersionWithOtherColumnsIsRefusedAndNothingIsStored() {
        long first = api().uploadMallCustomers();
        Answer missing = api().postCsv("/api/datasets/" + first + "/versions/csv",
                "CustomerID,Genre,Age,Annual Income (k$)\n1,Male,19,15\n2,Female,20,16\n3,Male,40,70\n");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().get("detail").asString()).contains("Missing: spending_score_1_100");
        assertThat(missing.json().get("missing").get(0).asString()).isEqualTo("spending_score_1_100");
        Answer typed = api().postCsv("/api/datasets/" + first + "/versions/csv",
                "CustomerID,Genre,Age,Annual Income (k$),Spending Score (1-100)\n1,Male,young,15,3\n2,Female,old,16,4\n"
                        + "3,Male,young,70,5\n");
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.json().get("changed").get(0).asString()).startsWith("age (NUMERIC, now CATEGORICAL)");
        assertThat(api().get("/api/datasets/" + first + "/versions").json()).hasSize(1);

        JsonNode lines = api().uploadCdnowTransactions();
        Answer ofLines = api().postCsv("/api/datasets/" + lines.get("id").asLong() + "/versions/csv", "a,b\n1,2\n");
        assertThat(ofLines.status()).isEqualTo(400);
        assertThat(ofLines.json().get("type").asString()).endsWith("/not-versionable");
        Answer ofDerived = api().postCsv("/api/datasets/" + lines.get("derivedDatasetId").asLong() + "/versions/csv",
                "a,b\n1,2\n");
        assertThat(ofDerived.status()).isEqualTo(400);
        assertThat(api().postCsv("/api/datasets/987654321/versions/csv", "a,b\n1,2\n").status()).isEqualTo(404);
        // Without an id column customers are numbered by row, and could not be matched across versions.
        Answer numbered = api().postCsv("/api/datasets?force=true", "Age,Income\n30,40\n50,60\n70,80\n");
        Answer ofNumbered = api().postCsv("/api/datasets/" + numbered.json().get("id").asLong() + "/versions/csv",
                "Age,Income\n31,40\n50,61\n");
        assertThat(ofNumbered.status()).isEqualTo(400);
        assertThat(ofNumbered.json().get("detail").asString()).contains("has no customer id column");
        // Nor can such a table have a refresh policy: no version would ever start it.
        Answer policy = api().putJson("/api/datasets/" + numbered.json().get("id").asLong() + "/refresh-policy",
                "{\"onNewVersion\": \"SCORE\"}");
        assertThat(policy.status()).isEqualTo(400);
        assertThat(policy.json().get("type").asString()).endsWith("/not-versionable");
        // Clearing one is always allowed.
        assertThat(api().putJson("/api/datasets/" + numbered.json().get("id").asLong() + "/refresh-policy",
                "{\"onNewVersion\": \"NONE\"}").status()).isEqualTo(200);
    }

    @Test
    void theFirstVersionGoesLastAndAVersionCanBeUploadedAsAFile() {
        long first = api().uploadMallCustomers();
        byte[] file = String.join("\n", Api.mallCustomerLines().subList(0, 150)).getBytes(StandardCharsets.UTF_8);
        Answer version = api().postMultipart("/api/datasets/" + first + "/versions?force=true", "mall-v2.csv",
                file);
        assertThat(version.status()).as(version.body()).isEqualTo(201);
        long second = version.json().get("id").asLong();
        assertThat(version.json().get("rowCount").asLong()).isEqualTo(149);
        // The id column is the first version's (found again by name here, or named for the new one).
        assertThat(version.json().get("columns").get(0).get("role").asString()).isEqualTo("ID");

        Answer refused = api().delete("/api/datasets/" + first);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("versionDatasetIds").get(0).asLong()).isEqualTo(second);
        assertThat(api().delete("/api/datasets/" + second).status()).isEqualTo(204);
        assertThat(api().delete("/api/datasets/" + first).status()).isEqualTo(204);
    }

    private void publish(long run) {
        Answer published = api().postJson("/api/segmentations/" + run + "/publish", "");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
    }

    private static Set<String> keys(JsonNode run) {
        Set<String> keys = new HashSet<>();
        run.get("segments").forEach(segment -> keys.add(segment.get("key").asString()));
        return keys;
    }

}
