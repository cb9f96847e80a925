package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.Api.Answer;
import io.customersegments.Poll;
import io.customersegments.ServiceTest;

/** A table's refresh policy starts a run for each new version, and publishes it when asked and safe. */
@ServiceTest
class RefreshPolicyTests {

    private static final String RUN = "{\"datasetId\": %d, \"k\": 5, \"features\": [\"Annual Income (k$)\", "
            + "\"Spending Score (1-100)\"]}";

    @LocalServerPort
    int port;

    private Api api() {
        return new Api(port);
    }

    @Test
    void aScoringPolicyPublishesTheScoredVersionUnlessItDrifted() {
        long first = api().uploadMallCustomers();
        assertThat(api().get("/api/datasets/" + first + "/refresh-policy").json().get("onNewVersion").asString())
            .isEqualTo("NONE");
        long trained = api().succeededRun(RUN.formatted(first));
        publish(trained);
        Answer set = api().putJson("/api/datasets/" + first + "/refresh-policy",
                "{\"onNewVersion\": \"SCORE\", \"autoPublish\": true}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);

        // The same customers, one spending a little more: scored with the live model and published by itself.
        long second = version(first, fields -> {
            if (fields[0].equals("0100")) {
                fields[4] = String.valueOf(Integer.parseInt(fields[4]) + 1);
            }
            return fields;
        });
        JsonNode scoring = awaitOnlyRun(second);
        assertThat(scoring.get("scoredFrom").asLong()).isEqualTo(trained);
        Poll.until(Duration.ofSeconds(60), "the scoring run to be published", () ->
            api().get("/api/segments?dataset=" + first).json().get("segmentationId").asLong()
                    == scoring.get("id").asLong() ? true : null);
        assertThat(api().get("/api/datasets/" + second + "/refresh-policy").json().get("autoPublish").asBoolean())
            .isTrue();
        // The audit says what the policy did, beside what keys did.
        List<String> byPolicy = new java.util.ArrayList<>();
        api().get("/api/audit?size=200").json().get("content").forEach(entry -> {
            if (entry.get("keyName").asString().equals("refresh policy of dataset " + first)) {
                assertThat(entry.get("keyId").isNull()).isTrue();
                byPolicy.add(entry.get("action").asString() + " " + entry.get("path").asString());
            }
        });
        assertThat(byPolicy).contains("scoreWithSegmentation /api/segmentations/" + trained + "/score",
                "publishSegmentation /api/segmentations/" + scoring.get("id").asLong() + "/publish");

        // Incomes doubled: the scoring run reports drift and waits for a person.
        long third = version(first, fields -> {
            fields[3] = String.valueOf(2 * Integer.parseInt(fields[3]));
            return fields;
        });
        JsonNode drifted = awaitOnlyRun(third);
        assertThat(drifted.get("drift").get("driftDetected").asBoolean()).isTrue();
        assertThat(drifted.get("publishedAt").isNull()).isTrue();
        assertThat(api().get("/api/segments?dataset=" + first).json().get("segmentationId").asLong())
            .isEqualTo(scoring.get("id").asLong());
    }

    @Test
    void aRetrainingPolicyStartsARunWithTheLiveParametersAndLeavesItUnpublished() {
        long first = api().uploadMallCustomers();
        long trained = api().succeededRun(RUN.formatted(first));
        // Without a live run a new version starts nothing.
        api().putJson("/api/datasets/" + first + "/refresh-policy", "{\"onNewVersion\": \"RETRAIN\"}");
        long unpublished = version(first, UnaryOperator.identity());
        publish(trained);
        long second = version(first, UnaryOperator.identity());
        JsonNode retrained = awaitOnlyRun(second);
        assertThat(retrained.get("scoredFrom").isNull()).isTrue();
        assertThat(retrained.get("k").asInt()).isEqualTo(5);
        assertThat(retrained.get("publishedAt").isNull()).isTrue();
        assertThat(api().get("/api/segmentations?dataset=" + unpublished).json().get("totalElements").asLong())
            .isZero();
        assertThat(api().putJson("/api/datasets/" + first + "/refresh-policy", "{\"onNewVersion\": \"NONE\"}")
            .json().get("onNewVersion").asString()).isEqualTo("NONE");
    }

    @Test
    void aPolicyNeedsItsKindOfRefreshAndAnUploadedTableAndAnAnalyst() {
        long dataset = api().uploadMallCustomers();
        Answer empty = api().putJson("/api/datasets/" + dataset + "/refresh-policy", "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.contentType()).startsWith("application/problem+json");
        assertThat(empty.json().get("type").asString()).isEqualTo("/problems/invalid-refresh-policy");
        assertThat(empty.json().get("detail").asString()).contains("onNewVersion").doesNotContain("queued");
        assertThat(api().putJson("/api/datasets/" + dataset + "/refresh-policy", "{\"onNewVersion\": \"SOMETIMES\"}")
            .status()).isEqualTo(400);
        JsonNode lines = api().uploadCdnowTransactions();
        Answer derived = api().putJson("/api/datasets/" + lines.get("derivedDatasetId").asLong() + "/refresh-policy",
                "{\"onNewVersion\": \"SCORE\"}");
        assertThat(derived.status()).isEqualTo(400);
        assertThat(derived.json().get("type").asString()).endsWith("/not-versionable");
        assertThat(api().putJson("/api/datasets/987654321/refresh-policy", "{\"onNewVersion\": \"SCORE\"}").status())
            .isEqualTo(404);
        Api reader = api().withKey(api().createKey("policy reader " + System.nanoTime(), "READER"));
        assertThat(reader.putJson("/api/datasets/" + dataset + "/refresh-policy", "{\"onNewVersion\": \"SCORE\"}")
            .status()).isEqualTo(403);
    }

    private void publish(long run) {
        Answer published = api().postJson("/api/segmentations/" + run + "/publish", "");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
    }

    /** Uploads the mall customers, each row's fields changed as given, as the next version; answers its id. */
    private long version(long dataset, UnaryOperator<String[]> change) {
        List<String> lines = Api.mallCustomerLines();
        List<String> changed = new ArrayList<>(List.of(lines.get(0)));
        lines.subList(1, lines.size()).forEach(line -> changed.add(String.join(",", change.apply(line.split(",")))));
        Answer version = api().postCsv("/api/datasets/" + dataset + "/versions/csv?force=true",
                String.join("\n", changed));
        assertThat(version.status()).as(version.body()).isEqualTo(201);
        return version.json().get("id").asLong();
    }

    /** The one run on a dataset, once it has finished successfully. */
    private JsonNode awaitOnlyRun(long dataset) {
        JsonNode runs = Poll.until(Duration.ofSeconds(60), "a run of dataset " + dataset, () -> {
            JsonNode page = api().get("/api/segmentations?dataset=" + dataset).json();
            return page.get("totalElements").asLong() > 0 ? page : null;
        });
        assertThat(runs.get("totalElements").asLong()).isEqualTo(1);
        JsonNode run = api().awaitRun(runs.get("content").get(0).get("id").asLong());
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        return run;
    }

}
