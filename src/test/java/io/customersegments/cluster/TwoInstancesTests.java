package io.customersegments.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.Api.Answer;
import io.customersegments.Poll;
import io.customersegments.ServiceProcess;
import io.customersegments.TestDatabase;
import io.customersegments.TestKeys;

/**
 * Two real service processes on one database (a schema of their own): the run queue is shared and a run whose
 * instance is killed is taken over, publishes and revocations reach the other instance within a second, and two
 * identical uploads racing to both instances store one dataset.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesTests {

    private static final String SCHEMA = TestDatabase.TEST_SCHEMA + "_instances";

    private static ServiceProcess first;

    private static ServiceProcess second;

    private static JdbcTemplate jdbc;

    private static Connection connection;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        TestDatabase.Target database = TestDatabase.target();
        connection = DriverManager.getConnection(database.url(), database.username(), database.password());
        jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        // Leases of 4 s (heartbeat 1 s), so a takeover comes quickly.
        String[] settings = { "--segmentation.security.bootstrap-key=" + TestKeys.ADMIN,
            "--segmentation.security.requests-per-second=100000", "--segmentation.runs.heartbeat=1s" };
        first = ServiceProcess.start("first-instance", SCHEMA, settings);
        second = ServiceProcess.start("second-instance", SCHEMA, settings);
        jdbc.execute("SET search_path TO " + SCHEMA);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess instance : new ServiceProcess[] { first, second }) {
            if (instance != null) {
                instance.kill();
            }
        }
        if (connection != null) {
            connection.close();
        }
    }

    /** Six overlapping blobs in three features: a few seconds of clustering for k = 2..10. */
    private static String blobs(int rows) {
        StringBuilder csv = new StringBuilder("id,a,b,c\n");
        Random random = new Random(rows);
        for (int i = 0; i < rows; i++) {
            int blob = i % 6;
            csv.append(i).append(',').append(blob * 3 + random.nextGaussian()).append(',')
                .append(blob * 2 + random.nextGaussian()).append(',').append(random.nextGaussian()).append('\n');
        }
        return csv.toString();
    }

    @Test
    void aPublishOnOneInstanceIsLiveOnTheOtherWithinASecondWithTheSameETag() {
        long dataset = first.api(TestKeys.ADMIN).uploadMallCustomers();
        long run = first.api(TestKeys.ADMIN).succeededRun("{\"datasetId\": " + dataset + ", \"k\": 5, \"features\": "
                + "[\"Annual Income (k$)\", \"Spending Score (1-100)\"]}");
        // The second instance has cached that nothing is live for the dataset.
        assertThat(second.api(TestKeys.ADMIN).get("/api/segments?dataset=" + dataset).status()).isEqualTo(404);

        assertThat(first.api(TestKeys.ADMIN).postJson("/api/segmentations/" + run + "/publish", "").status()).isEqualTo(200);
        long published = System.nanoTime();
        Answer seen = Poll.until(Duration.ofSeconds(5), "the publish to reach the second instance", () -> {
            Answer answer = second.api(TestKeys.ADMIN).get("/api/segments?dataset=" + dataset);
            return answer.status() == 200 ? answer : null;
        });
        assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(1));
        assertThat(seen.json().get("segmentationId").asLong()).isEqualTo(run);
        assertThat(seen.etag()).isEqualTo(first.api(TestKeys.ADMIN).get("/api/segments?dataset=" + dataset).etag());
    }

    @Test
    void aKeyRevokedOnOneInstanceIsRefusedByTheOtherAtOnce() {
        String secret = first.api(TestKeys.ADMIN).createKey("revoked across instances", "READER");
        Api onSecond = second.api(TestKeys.ADMIN).withKey(secret);
        assertThat(onSecond.get("/api/keys/current").status()).isEqualTo(200);
        long id = first.api(TestKeys.ADMIN).get("/api/keys?size=1000").json().get("content").valueStream()
            .filter(key -> secret.startsWith(key.get("prefix").asString()))
            .findFirst()
            .orElseThrow()
            .get("id")
            .asLong();

        assertThat(first.api(TestKeys.ADMIN).delete("/api/keys/" + id).status()).isEqualTo(204);
        long revoked = System.nanoTime();
        Poll.until(Duration.ofSeconds(5), "the revocation to reach the second instance",
                () -> onSecond.get("/api/keys/current").status() == 401 ? true : null);
        assertThat(Duration.ofNanos(System.nanoTime() - revoked)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void twoIdenticalUploadsRacingToBothInstancesStoreOneDataset() {
        byte[] csv = ("id,spend,visits\n" + new Random().ints(200, 0, 1000)
            .mapToObj(value -> "c" + value + System.nanoTime() + "," + value + "," + (value % 17))
            .collect(Collectors.joining("\n"))).getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Answer> one = CompletableFuture.supplyAsync(() -> first.api(TestKeys.ADMIN).postCsv("/api/datasets", csv));
        CompletableFuture<Answer> other = CompletableFuture.supplyAsync(() -> second.api(TestKeys.ADMIN).postCsv("/api/datasets", csv));
        List<Integer> statuses = List.of(one.join().status(), other.join().status());
        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        Answer conflict = one.join().status() == 409 ? one.join() : other.join();
        Answer stored = one.join().status() == 201 ? one.join() : other.join();
        assertThat(conflict.json().get("existingDatasetId").asLong()).isEqualTo(stored.json().get("id").asLong());
    }

    @Test
    @Order(1)
    void aRunCancelledOnTheOtherInstanceStopsWhereItExecutes() {
        long dataset = first.api(TestKeys.ADMIN).postCsv("/api/datasets?force=true", blobs(150_000)).json().get("id").asLong();
        String request = "{\"datasetId\": " + dataset + ", \"kMin\": 2, \"kMax\": 10, \"restarts\": 20, "
                + "\"features\": [\"a\", \"b\", \"c\"]}";
        long run = first.api(TestKeys.ADMIN).postJson("/api/segmentations", request).json().get("id").asLong();
        String owner = Poll.until(Duration.ofSeconds(20), "the run to be claimed", () -> jdbc.queryForList(
                "SELECT claimed_by FROM segmentation WHERE id = ? AND status = 'RUNNING'", String.class, run)
            .stream()
            .findFirst()
            .orElse(null));
        ServiceProcess executing = owner.contains(":" + first.pid() + ":") ? first : second;
        ServiceProcess elsewhere = executing == first ? second : first;

        assertThat(elsewhere.api(TestKeys.ADMIN).delete("/api/segmentations/" + run).status()).isEqualTo(204);
        assertThat(elsewhere.api(TestKeys.ADMIN).get("/api/segmentations/" + run).json().get("status").asString())
            .isEqualTo("CANCELLED");
        // The executing instance's slot is free at once: it claims the next run within a poll or two.
        long next = executing.api(TestKeys.ADMIN).postJson("/api/segmentations", request.replace("\"kMax\": 10", "\"kMax\": 3"))
            .json().get("id").asLong();
        long blocker = elsewhere.api(TestKeys.ADMIN).postJson("/api/segmentations", request.replace("\"kMax\": 10", "\"kMax\": 3"))
            .json().get("id").asLong();
        assertThat(executing.api(TestKeys.ADMIN).awaitRun(next).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(executing.api(TestKeys.ADMIN).awaitRun(blocker).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(executing.api(TestKeys.ADMIN).get("/api/segmentations/" + run).json().get("status").asString())
            .isEqualTo("CANCELLED");
    }

    @Test
    // Last: it kills an instance.
    @Order(Integer.MAX_VALUE)
    void runsAreSharedOutAndARunWhoseInstanceDiesIsTakenOverAndFinishes() {
        long dataset = first.api(TestKeys.ADMIN).postCsv("/api/datasets?force=true", blobs(150_000)).json().get("id").asLong();
        String request = "{\"datasetId\": " + dataset + ", \"kMin\": 2, \"kMax\": 10, \"restarts\": 20, "
                + "\"features\": [\"a\", \"b\", \"c\"]}";
        long run = first.api(TestKeys.ADMIN).postJson("/api/segmentations", request).json().get("id").asLong();
        long other = first.api(TestKeys.ADMIN).postJson("/api/segmentations", request).json().get("id").asLong();

        // Each instance executes one run at a time: the two runs go to the two instances.
        List<String> owners = Poll.until(Duration.ofSeconds(20), "both runs to be claimed", () -> {
            List<String> claimed = jdbc.queryForList("SELECT claimed_by FROM segmentation WHERE id IN (?, ?) AND "
                    + "status = 'RUNNING'", String.class, run, other);
            return claimed.size() == 2 ? claimed : null;
        });
        assertThat(owners.get(0)).isNotEqualTo(owners.get(1));

        // Kill, without a chance to hand it back, the instance executing the first run.
        String owner = jdbc.queryForObject("SELECT claimed_by FROM segmentation WHERE id = ?", String.class, run);
        long ownerPid = Long.parseLong(owner.split(":")[1]);
        ServiceProcess killed = first.pid() == ownerPid ? first : second;
        ServiceProcess survivor = killed == first ? second : first;
        killed.kill();

        JsonNode finished = survivor.api(TestKeys.ADMIN).awaitRun(run);
        assertThat(finished.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject("SELECT attempt FROM segmentation WHERE id = ?", Integer.class, run))
            .isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT claimed_by FROM segmentation WHERE id = ?", String.class, run))
            .contains(":" + survivor.pid() + ":");
        assertThat(survivor.api(TestKeys.ADMIN).awaitRun(other).get("status").asString()).isEqualTo("SUCCEEDED");
    }

}
