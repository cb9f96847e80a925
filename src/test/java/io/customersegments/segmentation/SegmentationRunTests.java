package io.customersegments.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

/** Runs through HTTP on a real PostgreSQL, from upload to named segments. */
@ServiceTest
class SegmentationRunTests {

    private static final String INCOME_AND_SCORE = "\"features\":[\"Annual Income (k$)\",\"Spending Score (1-100)\"]";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RunQueue queue;

    Api api;

    long mall;

    @BeforeEach
    void uploadMallCustomers() throws IOException {
        api = new Api(port);
        try (InputStream in = getClass().getResourceAsStream("/data/mall_customers.csv")) {
            mall = api.postCsv("/api/datasets?force=true", in.readAllBytes()).json().get("id").asLong();
        }
    }

    @Test
    void findsTheFiveClassicMallSegmentsWithDefaultsAndNamesThem() {
        Api.Answer started = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + "}");

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.location()).endsWith("/api/segmentations/" + started.json().get("id").asLong());
        JsonNode run = awaitFinished(started.json().get("id").asLong());

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("k").asInt()).isEqualTo(5);
        assertThat(run.get("rowsUsed").asLong()).isEqualTo(200);
        JsonNode selection = run.get("selection");
        assertThat(selection.get("chosenK").asInt()).isEqualTo(5);
        assertThat(selection.get("elbowK").asInt()).isEqualTo(5);
        assertThat(selection.get("perK")).hasSize(9);
        // scikit-learn 1.2.1 gives 0.5547 standardised (../shared/data/README.md).
        assertThat(selection.get("perK").get(3).get("silhouette").asDouble()).isCloseTo(0.554, within(0.01));
        List<Long> sizes = new ArrayList<>();
        run.get("segments").forEach(segment -> sizes.add(segment.get("size").asLong()));
        assertThat(sizes).containsExactly(81L, 39L, 35L, 23L, 22L);
        JsonNode thrifty = segmentNear(run, 88, 17);
        assertThat(thrifty.get("name").asString()).isEqualTo("High Income · Low Spending");
        assertThat(thrifty.get("profile").get("Annual Income (k$)").get("level").asString()).isEqualTo("HIGH");
        assertThat(thrifty.get("profile").get("Spending Score (1-100)").get("level").asString()).isEqualTo("LOW");
        run.get("segments").forEach(segment -> {
            assertThat(segment.get("recommendations").size()).as(segment.get("name").asString()).isPositive();
            assertThat(segment.get("mix").get("Genre")).isNotEmpty();
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM assignment WHERE segmentation_id = ?", Long.class,
                run.get("id").asLong())).isEqualTo(200);
    }

    @Test
    void refusesBadRequestsBeforeQueueingAnything() {
        long before = jdbc.queryForObject("SELECT count(*) FROM segmentation", Long.class);

        Api.Answer unknownDataset = start("{\"datasetId\":987654321," + INCOME_AND_SCORE + "}");
        Api.Answer unknownFeature = start("{\"datasetId\":" + mall + ",\"features\":[\"Income\",\"Age\"]}");
        Api.Answer categorical = start("{\"datasetId\":" + mall + ",\"features\":[\"Genre\",\"Age\"]}");
        Api.Answer kTooLarge = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"k\":500}");
        Api.Answer kTooSmall = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"k\":1}");
        Api.Answer noFeatures = start("{\"datasetId\":" + mall + ",\"features\":[]}");
        Api.Answer badJson = start("{\"datasetId\":");
        long tiny = api.postCsv("/api/datasets?force=true", "id,x,y\na,1,2\nb,3,4\nc,5,6\n").json().get("id").asLong();
        Api.Answer fewerRowsThanK = start("{\"datasetId\":" + tiny + ",\"features\":[\"x\",\"y\"]}");

        assertThat(unknownDataset.status()).isEqualTo(404);
        assertThat(unknownFeature.status()).isEqualTo(400);
        assertThat(unknownFeature.json().get("type").asString()).isEqualTo("/problems/unknown-column");
        assertThat(unknownFeature.json().get("unknown").get(0).asString()).isEqualTo("Income");
        assertThat(categorical.status()).isEqualTo(400);
        assertThat(categorical.json().get("detail").asString())
            .startsWith("feature \"Genre\" is CATEGORICAL; only NUMERIC columns can be clustered");
        assertThat(kTooLarge.json().get("detail").asString()).contains("k may be at most 30");
        assertThat(kTooSmall.status()).isEqualTo(400);
        assertThat(noFeatures.status()).isEqualTo(400);
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.contentType()).isEqualTo("application/problem+json");
        assertThat(fewerRowsThanK.json().get("detail").asString())
            .contains("only 3 rows have every feature, fewer than k = 10");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM segmentation", Long.class)).isEqualTo(before);
    }

    @Test
    void cancelsAQueuedRunAndDeletesAFinishedOne() {
        long first = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"restarts\":100}").json()
            .get("id")
            .asLong();
        long second = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + "}").json().get("id").asLong();

        Api.Answer cancelled = api.delete("/api/segmentations/" + second);

        assertThat(cancelled.status()).isEqualTo(204);
        assertThat(api.get("/api/segmentations/" + second).json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(awaitFinished(first).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(api.delete("/api/segmentations/" + first).status()).isEqualTo(204);
        assertThat(api.get("/api/segmentations/" + first).status()).isEqualTo(404);
    }

    @Test
    void marksRunsThatWereRunningAtAStopAsFailedAndQueuesQueuedOnesAgain() {
        String params = api.get("/api/segmentations/" + awaitFinished(start("{\"datasetId\":" + mall + ","
                + INCOME_AND_SCORE + ",\"k\":3}").json().get("id").asLong()).get("id").asLong())
            .json()
            .get("params")
            .toString();
        long running = jdbc.queryForObject("INSERT INTO segmentation (dataset_id, status, params, started_at) "
                + "VALUES (?, 'RUNNING', ?::jsonb, now()) RETURNING id", Long.class, mall, params);
        long queued = jdbc.queryForObject("INSERT INTO segmentation (dataset_id, status, params) "
                + "VALUES (?, 'QUEUED', ?::jsonb) RETURNING id", Long.class, mall, params);

        queue.recover();

        JsonNode failed = api.get("/api/segmentations/" + running).json();
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).contains("The service stopped while this run was in progress");
        assertThat(awaitFinished(queued).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    private Api.Answer start(String json) {
        return api.post("/api/segmentations", "application/json", json.getBytes());
    }

    private JsonNode awaitFinished(long id) {
        return ConcurrentRunTests.awaitFinished(api, id);
    }

    private static JsonNode segmentNear(JsonNode run, double income, double score) {
        JsonNode nearest = null;
        double best = Double.MAX_VALUE;
        for (JsonNode segment : run.get("segments")) {
            JsonNode centroid = segment.get("centroid");
            double distance = Math.hypot(centroid.get("Annual Income (k$)").asDouble() - income,
                    centroid.get("Spending Score (1-100)").asDouble() - score);
            if (distance < best) {
                best = distance;
                nearest = segment;
            }
        }
        return nearest;
    }

}
