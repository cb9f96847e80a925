package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.Api.Answer;
import io.customersegments.Poll;
import io.customersegments.ServiceTest;
import io.customersegments.clustering.AdjustedRandIndex;

/**
 * Runs on Apache Spark (master {@code local[2]}, the job jar that {@code mvn -f spark-job/pom.xml verify} builds, as the
 * README's test command does first): the same segments as the local engine, a cancel that stops the driver, a driver
 * killed under a run that fails it with the reason, and requests Spark cannot take refused.
 */
@ServiceTest
@TestPropertySource(properties = "segmentation.spark.master=local[2]")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkRunTests {

    private static final int ROWS = 201_000;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private Api api;

    private long dataset;

    @BeforeAll
    void uploadBlobs() {
        api = new Api(port);
        // Four Gaussian blobs of unit spread in three dimensions, centres 8 apart, unequal sizes; a few missing values.
        double[][] centres = { { 0, 0, 0 }, { 8, 0, 3 }, { 0, 8, 6 }, { 8, 8, -3 } };
        Random random = new Random(17);
        StringBuilder csv = new StringBuilder(ROWS * 32).append("customer,recency,spend,visits\n");
        for (int i = 0; i < ROWS; i++) {
            double[] centre = centres[i % 10 < 4 ? 0 : i % 10 < 7 ? 1 : i % 10 < 9 ? 2 : 3];
            csv.append('c').append(i);
            for (int f = 0; f < 3; f++) {
                csv.append(',');
                if (i % 997 != 5 || f != 1) {
                    csv.append(String.format(java.util.Locale.ROOT, "%.4f", centre[f] + random.nextGaussian()));
                }
            }
            csv.append('\n');
        }
        Answer upload = api.postCsv("/api/datasets?force=true&name=blobs", csv.toString());
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        dataset = upload.json().get("id").asLong();
    }

    @Test
    void sparkFindsTheSameSegmentsAsTheLocalEngine() {
        String request = "{\"datasetId\": " + dataset + ", \"features\": [\"recency\", \"spend\", \"visits\"], "
                + "\"kMin\": 2, \"kMax\": 5, \"restarts\": 2, \"outliers\": \"CLIP\", \"logTransform\": [\"visits\"], "
                + "\"weights\": {\"spend\": 2}, \"engine\": \"%s\"}";
        JsonNode local = api.get("/api/segmentations/" + api.succeededRun(request.formatted("LOCAL"))).json();
        JsonNode spark = api.get("/api/segmentations/" + api.succeededRun(request.formatted("SPARK"))).json();

        assertThat(local.get("selection").get("engine").asString()).isEqualTo("LOCAL");
        assertThat(spark.get("selection").get("engine").asString()).isEqualTo("SPARK");
        assertThat(spark.get("selection").get("executors").asInt()).isEqualTo(1);
        assertThat(spark.get("params").get("engine").asString()).isEqualTo("SPARK");
        // More than twice the default screening sample (after rows missing a feature): both engines ran each k's starts
        // on about 100,000 first (Spark's draws each customer with that probability).
        assertThat(local.get("selection").get("screenedOn").asInt()).isEqualTo(100_000);
        assertThat(spark.get("selection").get("screenedOn").asInt()).isBetween(98_500, 101_500);
        assertThat(spark.get("k").asInt()).isEqualTo(local.get("k").asInt()).isEqualTo(4);
        assertThat(spark.get("rowsUsed").asLong()).isEqualTo(local.get("rowsUsed").asLong());
        // At the chosen k: elsewhere the two engines' seedings may end in different local optima (at k = 2 four blobs
        // can be halved in more than one way).
        int chosen = local.get("k").asInt() - 2;
        // Prepared alike (clipped, visits log-transformed, spend weighted twice, scaled): the same optimum costs the same.
        assertThat(spark.get("selection").get("perK").get(chosen).get("inertia").asDouble())
            .isCloseTo(local.get("selection").get("perK").get(chosen).get("inertia").asDouble(),
                    org.assertj.core.data.Percentage.withPercentage(0.01));
        // No stability fits on Spark: said as null, not a number, and in the summary.
        assertThat(spark.get("selection").get("stability").isNull()).isTrue();
        assertThat(spark.get("summary").asString()).contains("ran on Apache Spark (1 executor)")
            .doesNotContain("NaN");
        assertThat(spark.get("selection").get("perK").get(chosen).get("silhouette").asDouble())
            .isCloseTo(local.get("selection").get("perK").get(chosen).get("silhouette").asDouble(),
                    org.assertj.core.data.Offset.offset(0.01));
        int[] localLabels = labels(local.get("id").asLong());
        int[] sparkLabels = labels(spark.get("id").asLong());
        assertThat(AdjustedRandIndex.between(localLabels, sparkLabels)).isGreaterThanOrEqualTo(0.99);
        // Everything after the fits is the service's own: segments are profiled and named as for a local run.
        assertThat(spark.get("segments").size()).isEqualTo(4);
        assertThat(spark.get("segments").get(0).get("name").asString()).isNotBlank();
    }

    @Test
    void cancellingARunStopsItsDriver() {
        Answer started = api.postJson("/api/segmentations", "{\"datasetId\": " + dataset + ", \"features\": "
                + "[\"recency\", \"spend\"], \"kMin\": 2, \"kMax\": 10, \"restarts\": 20, \"engine\": \"SPARK\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long run = started.json().get("id").asLong();
        Poll.until(Duration.ofSeconds(60), "the Spark driver to start", () -> driver().orElse(null));

        assertThat(api.delete("/api/segmentations/" + run).status()).isEqualTo(204);

        assertThat(api.awaitRun(run).get("status").asString()).isEqualTo("CANCELLED");
        Poll.until(Duration.ofSeconds(20), "the Spark driver to be gone", () -> driver().isEmpty() ? true : null);
    }

    @Test
    void aDriverThatDiesFailsItsRunWithTheReason() {
        Answer started = api.postJson("/api/segmentations", "{\"datasetId\": " + dataset + ", \"features\": "
                + "[\"recency\", \"visits\"], \"kMin\": 2, \"kMax\": 10, \"restarts\": 20, \"engine\": \"SPARK\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long run = started.json().get("id").asLong();
        ProcessHandle driver = Poll.until(Duration.ofSeconds(60), "the Spark driver to start", () -> driver().orElse(null));

        driver.destroyForcibly();

        JsonNode failed = api.awaitRun(run);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).startsWith("The Spark job failed (driver exit status");
    }

    @Test
    void requestsSparkCannotTakeAreRefused() {
        Answer derived = api.postJson("/api/segmentations", "{\"datasetId\": " + dataset + ", \"features\": "
                + "[\"recency\", \"ratio\"], \"derived\": [{\"name\": \"ratio\", \"expression\": \"spend / (1 + visits)\"}], "
                + "\"engine\": \"SPARK\"}");
        assertThat(derived.status()).isEqualTo(400);
        assertThat(derived.contentType()).startsWith("application/problem+json");
        assertThat(derived.body()).contains("engine SPARK", "derived features");

        Answer mixture = api.postJson("/api/segmentations", "{\"datasetId\": " + dataset + ", \"features\": "
                + "[\"recency\", \"spend\"], \"method\": \"GAUSSIAN_MIXTURE\", \"engine\": \"SPARK\"}");
        assertThat(mixture.status()).isEqualTo(400);
        assertThat(mixture.body()).contains("Spark runs k-means only");

        Answer dropped = api.postJson("/api/segmentations", "{\"datasetId\": " + dataset + ", \"features\": "
                + "[\"recency\", \"spend\"], \"outliers\": \"DROP\", \"engine\": \"SPARK\"}");
        assertThat(dropped.status()).isEqualTo(400);
        assertThat(dropped.body()).contains("outliers DROP");

        Answer unknown = api.postJson("/api/segmentations", "{\"datasetId\": " + dataset + ", \"features\": "
                + "[\"recency\", \"spend\"], \"engine\": \"HADOOP\"}");
        assertThat(unknown.status()).isEqualTo(400);
    }

    /** The run's segment of every customer, in row order. */
    private int[] labels(long run) {
        List<Integer> segments = jdbc.queryForList(
                "SELECT segment_ordinal FROM assignment WHERE segmentation_id = ? ORDER BY row_no", Integer.class, run);
        return segments.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The Spark driver this service started, while one runs. */
    private static Optional<ProcessHandle> driver() {
        return ProcessHandle.current()
            .descendants()
            .filter(process -> process.info().commandLine().orElse("").contains("io.customersegments.sparkjob"))
            .findFirst();
    }

}
