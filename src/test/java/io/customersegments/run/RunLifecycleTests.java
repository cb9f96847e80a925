package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.Poll;
import io.customersegments.ServiceTest;
import io.customersegments.dataset.Datasets;

/** Cancels, deletes and publishes that meet a run at its worst moment, and what marketing apps then see. */
@ServiceTest
class RunLifecycleTests {

    private static final String INCOME_AND_SCORE = "\"features\":[\"Annual Income (k$)\",\"Spending Score (1-100)\"]";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    SegmentStore store;

    @Autowired
    RunQueue queue;

    Api api;

    long mall;

    @BeforeEach
    void uploadMallCustomers() {
        api = new Api(port);
        mall = api.uploadMallCustomers();
    }

    @Test
    void aRunCancelledWhileItWaitsToStoreEndsCancelledWithNothingStored() throws Exception {
        try (DatasetLock lock = new DatasetLock(mall)) {
            long run = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"k\":5}");
            lock.awaitBlockedSomebody();

            assertThat(api.delete("/api/segmentations/" + run).status()).isEqualTo(204);
            lock.close();

            JsonNode cancelled = api.awaitRun(run);
            assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
            // The run was blocked in its store transaction; it must have found itself cancelled and stored nothing.
            Poll.until(Duration.ofSeconds(30), "the run's executor to let go", () -> !queue.isExecuting(run));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM segment WHERE segmentation_id = ?", Long.class, run))
                .isZero();
            assertThat(partitionExists(run)).isFalse();
            assertThat(api.get("/api/segmentations/" + run).json().get("status").asString()).isEqualTo("CANCELLED");
        }
    }

    @Test
    void deletingADatasetWhileItsRunStoresLeavesNoOrphanedAssignments() throws Exception {
        long run;
        Future<Api.Answer> deleted;
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (DatasetLock lock = new DatasetLock(mall)) {
            run = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"k\":5}");
            lock.awaitBlockedSomebody();
            deleted = background.submit(() -> api.delete("/api/datasets/" + mall));
            Poll.until(Duration.ofSeconds(30), "the deletion to queue behind the store", () -> lock.blockedCount() >= 2);
        }

        assertThat(deleted.get().status()).isEqualTo(204);
        background.shutdown();
        assertThat(api.get("/api/segmentations/" + run).status()).isEqualTo(404);
        assertThat(partitionExists(run)).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM segment WHERE segmentation_id = ?", Long.class, run)).isZero();
    }

    @Test
    void anInstanceWithoutSparkLeavesRunsThatAskedForSparkToOthers() {
        // As an instance with a Spark master would have queued it (this one refuses engine SPARK at the API). Other
        // test contexts of this JVM may have one and take it; this one must not.
        long run = jdbc.queryForObject("INSERT INTO segmentation (dataset_id, status, params, lineage_id) VALUES (?, "
                + "'QUEUED', jsonb_build_object('datasetId', ?::bigint, 'features', jsonb_build_array('Annual Income (k$)', "
                + "'Spending Score (1-100)'), 'engine', 'SPARK'), ?) RETURNING id", Long.class, mall, mall, mall);
        try {
            queue.claim();
            assertThat(queue.isExecuting(run)).isFalse();
            assertThat(jdbc.queryForObject("SELECT claimed_by FROM segmentation WHERE id = ?", String.class, run))
                .isNotEqualTo(queue.instance());
        }
        finally {
            jdbc.update("UPDATE segmentation SET status = 'CANCELLED' WHERE id = ? AND status IN ('QUEUED', 'RUNNING')",
                    run);
        }
    }

    @Test
    void dropsAssignmentTablesOfRunsThatNoLongerExistOnStart() {
        long gone = jdbc.queryForObject("SELECT coalesce(max(id), 0) + 1000000 FROM segmentation", Long.class);
        jdbc.execute("CREATE TABLE assignment_r" + gone + " (LIKE assignment_block INCLUDING DEFAULTS)");

        store.dropOrphanedAssignments();

        assertThat(partitionExists(gone)).isFalse();
    }

    @Test
    void concurrentPublishesOfOneDatasetAllSucceedAndLeaveExactlyOneLive() throws Exception {
        long one = api.awaitRun(start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"k\":5}")).get("id").asLong();
        long two = api.awaitRun(start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"k\":4}")).get("id").asLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            long run = i % 2 == 0 ? one : two;
            answers.add(CompletableFuture.supplyAsync(() -> api.post("/api/segmentations/" + run + "/publish",
                    "application/json", new byte[0]).status(), pool));
        }

        List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
        pool.shutdown();

        assertThat(statuses).containsOnly(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM segmentation WHERE dataset_id = ? AND published_at IS NOT NULL",
                Long.class, mall)).isEqualTo(1);
    }

    @Test
    void publishingThePublishedRunAgainKeepsItsMigrationFromThePreviousOne() {
        long one = api.awaitRun(start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"k\":5}")).get("id").asLong();
        long two = api.awaitRun(start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"k\":5,\"seed\":7}"))
            .get("id")
            .asLong();
        api.post("/api/segmentations/" + one + "/publish", "application/json", new byte[0]);
        api.post("/api/segmentations/" + two + "/publish", "application/json", new byte[0]);

        JsonNode again = api.post("/api/segmentations/" + two + "/publish", "application/json", new byte[0]).json();

        assertThat(again.get("migration").get("previousSegmentationId").asLong()).isEqualTo(one);
        assertThat(again.get("migration").get("keysInherited").asInt()).isEqualTo(5);
    }

    @Test
    void marketingAppsSeeOnlyPublishedSegmentsAndAPublishedDatasetIsKeptUnlessForced() {
        long run = api.awaitRun(start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"k\":5}")).get("id").asLong();

        Api.Answer unpublished = api.get("/api/segments?dataset=" + mall);
        assertThat(unpublished.status()).isEqualTo(404);
        assertThat(unpublished.json().get("detail").asString()).contains("has no published segments");
        assertThat(api.post("/api/segmentations/" + run + "/publish", "application/json", new byte[0]).status())
            .isEqualTo(200);
        JsonNode live = api.get("/api/segments?dataset=" + mall).json();
        assertThat(live.get("segmentationId").asLong()).isEqualTo(run);
        String key = live.get("segments").get(0).get("key").asString();

        Api.Answer refused = api.delete("/api/datasets/" + mall);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/dataset-published");
        assertThat(api.get("/api/segments/" + key).status()).isEqualTo(200);

        assertThat(api.delete("/api/datasets/" + mall + "?force=true").status()).isEqualTo(204);
        assertThat(api.get("/api/segments?dataset=" + mall).status()).isEqualTo(404);
        assertThat(api.get("/api/segments/" + key).status()).isEqualTo(404);
        Api.Answer anyLive = api.get("/api/segments");
        if (anyLive.status() == 200) {
            assertThat(anyLive.json().get("published").asBoolean()).isTrue();
            assertThat(anyLive.json().get("datasetId").asLong()).isNotEqualTo(mall);
        }
        else {
            assertThat(anyLive.status()).isEqualTo(404);
        }
    }

    @Test
    void aRetrainedSegmentFarFromEveryOldOneGetsAFreshKey() {
        // Three tight, far-apart groups: k = 2 merges two of them into one segment centred between them.
        StringBuilder csv = new StringBuilder("id,x,y\n");
        double[][] centres = { { 0, 0 }, { 100, 0 }, { 0, 100 } };
        for (int i = 0; i < 300; i++) {
            double[] centre = centres[i % 3];
            csv.append('c').append(i).append(',').append(centre[0] + (i * 7 % 11) / 10.0).append(',')
                .append(centre[1] + (i * 5 % 13) / 10.0).append('\n');
        }
        long groups = api.postCsv("/api/datasets?force=true", csv.toString()).json().get("id").asLong();
        long two = api.awaitRun(start("{\"datasetId\":" + groups + ",\"features\":[\"x\",\"y\"],\"k\":2}")).get("id")
            .asLong();
        long three = api.awaitRun(start("{\"datasetId\":" + groups + ",\"features\":[\"x\",\"y\"],\"k\":3}")).get("id")
            .asLong();
        api.post("/api/segmentations/" + two + "/publish", "application/json", new byte[0]);
        List<String> oldKeys = keys(api.get("/api/segments?dataset=" + groups).json());

        JsonNode republished = api.post("/api/segmentations/" + three + "/publish", "application/json", new byte[0])
            .json();

        List<String> newKeys = keys(api.get("/api/segments?dataset=" + groups).json());
        assertThat(republished.get("migration").get("keysInherited").asInt()).isEqualTo(1);
        assertThat(newKeys).hasSize(3).doesNotHaveDuplicates();
        assertThat(newKeys.stream().filter(oldKeys::contains).count()).isEqualTo(1);
        assertThat(newKeys).allMatch(key -> key.matches("seg-[0-9a-f]{12}"));
        assertThat(SegmentStore.newKey(three, 0)).isEqualTo(SegmentStore.newKey(three, 0))
            .isNotEqualTo(SegmentStore.newKey(three, 1));
        api.delete("/api/datasets/" + groups + "?force=true");
    }

    private static List<String> keys(JsonNode live) {
        List<String> keys = new ArrayList<>();
        live.get("segments").forEach(segment -> keys.add(segment.get("key").asString()));
        return keys;
    }

    private long start(String json) {
        Api.Answer answer = api.post("/api/segmentations", "application/json", json.getBytes());
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().get("id").asLong();
    }

    private boolean partitionExists(long run) {
        return jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, "assignment_r" + run);
    }

    /** Holds a dataset's deletion lock exclusively, as a dataset deletion would, on a connection of its own. */
    private final class DatasetLock implements AutoCloseable {

        private final Connection connection;

        private final int pid;

        DatasetLock(long datasetId) throws SQLException {
            connection = dataSource.getConnection();
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?, ?), pg_backend_pid()")) {
                lock.setInt(1, Datasets.DATASET_LOCK_CLASS);
                lock.setInt(2, Long.hashCode(datasetId));
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    pid = rs.getInt(2);
                }
            }
        }

        int blockedCount() {
            return jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid))",
                    Integer.class, pid);
        }

        void awaitBlockedSomebody() {
            Poll.until(Duration.ofSeconds(60), "the run to wait for the dataset lock", () -> blockedCount() > 0);
        }

        @Override
        public void close() throws SQLException {
            if (!connection.isClosed()) {
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                    unlock.execute();
                }
                connection.close();
            }
        }

    }

}
