package io.customersegments.sparkjob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job on Spark's {@code local[2]} against the test PostgreSQL (as the service's tests: {@code TEST_DATABASE_URL},
 * {@code TEST_DATABASE_USERNAME}, {@code TEST_DATABASE_PASSWORD}, else localhost:5432 as postgres), in a schema of its
 * own: a table shaped as the service's customer table, three well-separated groups.
 */
class SegmentationJobTests {

    static final String URL = env("TEST_DATABASE_URL").orElse("jdbc:postgresql://localhost:5432/postgres");

    static final String USER = env("TEST_DATABASE_USERNAME").orElse("postgres");

    static final String PASSWORD = env("TEST_DATABASE_PASSWORD").orElse("");

    static final String SCHEMA = env("TEST_DATABASE_SCHEMA").orElse("customer_segments_test") + "_spark_job";

    static final int ROWS = 3_000;

    static final int BLOCKED_ROWS = 70_000;

    @BeforeAll
    static void storeCustomers() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            sql.execute("CREATE SCHEMA " + SCHEMA);
            sql.execute("CREATE TABLE " + SCHEMA + ".customer (dataset_id bigint, row_no integer, external_id text, "
                    + "numeric double precision[], categorical text[], PRIMARY KEY (dataset_id, row_no))");
            // Slot 0 is not a feature; slots 1 and 2 place row r in group r % 3 at (0, 0), (10, 0) or (0, 10),
            // jittered by less than 1. Every 100th row lacks slot 2. Another dataset's rows must not be read.
            sql.execute("INSERT INTO " + SCHEMA + ".customer SELECT 5, r, 'c' || r, ARRAY[r, (r % 3 = 1)::int * 10 + "
                    + "(r % 7) / 7.0, CASE WHEN r % 100 = 0 THEN NULL ELSE (r % 3 = 2)::int * 10 + (r % 5) / 5.0 END], "
                    + "NULL FROM generate_series(1, " + ROWS + ") r");
            sql.execute("INSERT INTO " + SCHEMA + ".customer SELECT 6, r, 'x' || r, ARRAY[0, 1000, 1000], NULL "
                    + "FROM generate_series(1, 100) r");
            // Datasets 7 and 8: the same 70,000 customers (two blocks of the columnar copy), 7 with its copy, 8 with
            // only a part of it (one block of one feature), as the service's feature_block holds them.
            sql.execute("CREATE TABLE " + SCHEMA + ".feature_block (dataset_id bigint, kind \"char\", slot integer, "
                    + "block_no integer, rows integer, data bytea, PRIMARY KEY (dataset_id, kind, slot, block_no))");
            for (int dataset : new int[] { 7, 8 }) {
                sql.execute("INSERT INTO " + SCHEMA + ".customer SELECT " + dataset + ", r, 'c' || r, ARRAY[r, "
                        + "(r % 3 = 1)::int * 10 + (r % 7) / 7.0, CASE WHEN r % 100 = 0 THEN NULL ELSE "
                        + "(r % 3 = 2)::int * 10 + (r % 5) / 5.0 END], NULL FROM generate_series(1, " + BLOCKED_ROWS
                        + ") r");
            }
            sql.execute("INSERT INTO " + SCHEMA + ".feature_block SELECT dataset_id, 'N', slot, (row_no - 1) / 65536, "
                    + "count(*), string_agg(float8send(coalesce(numeric[slot + 1], 'NaN')), ''::bytea ORDER BY row_no) "
                    + "FROM " + SCHEMA + ".customer, unnest(ARRAY[1, 2]) AS slot WHERE dataset_id = 7 "
                    + "GROUP BY dataset_id, slot, (row_no - 1) / 65536");
            sql.execute("INSERT INTO " + SCHEMA + ".feature_block SELECT 8, kind, slot, block_no, rows, data FROM "
                    + SCHEMA + ".feature_block WHERE dataset_id = 7 AND slot = 2 AND block_no = 0");
        }
    }

    @Test
    void fitsEveryKOnTheDatasetsPreparedCustomers() throws Exception {
        List<JobSpec.Feature> features = List.of(new JobSpec.Feature(1, 0, null, null, false, 0, 10),
                new JobSpec.Feature(2, 0, null, null, false, 0, 10));
        JobResult result = SegmentationJob.run(spec(features, true, 2, 4, 0));

        assertEquals(ROWS - ROWS / 100, result.rows(), "rows missing slot 2 are left out");
        assertEquals(List.of(2, 3, 4), result.fits().stream().map(JobResult.Fit::k).toList());
        assertEquals(1, result.executors());
        assertEquals(2, result.parallelism());
        double[][] three = result.fits().get(1).centres();
        Arrays.sort(three, Comparator.<double[]>comparingLong(c -> Math.round(c[0])).thenComparingLong(c -> Math.round(c[1])));
        // The groups' means, scaled by 1/10: about (0.04, 0.04), (0.04, 1.04) and (1.04, 0.04).
        assertEquals(0.04, three[0][0], 0.01);
        assertEquals(0.04, three[0][1], 0.01);
        assertEquals(1.04, three[1][1], 0.01);
        assertEquals(1.04, three[2][0], 0.01);
        assertTrue(result.fits().get(1).cost() < result.fits().get(0).cost());
        assertEquals(null, result.screenedOn());
    }

    @Test
    void screensTheStartsOnASampleAsTheLocalEngineDoes() throws Exception {
        List<JobSpec.Feature> features = List.of(new JobSpec.Feature(1, 0, null, null, false, 0, 10),
                new JobSpec.Feature(2, 5, null, null, false, 0, 10));
        // 3,000 customers (missing values take the median 5: no row is left out), more than twice 1,000.
        JobResult result = SegmentationJob.run(spec(features, false, 3, 3, 1_000));

        assertEquals(ROWS, result.rows());
        // A third of the customers drawn by their row numbers: about 1,000 (a standard deviation of 26).
        assertTrue(result.screenedOn() > 850 && result.screenedOn() < 1_150, "screened on " + result.screenedOn());
        double[][] three = result.fits().get(0).centres();
        Arrays.sort(three, Comparator.<double[]>comparingLong(c -> Math.round(c[0])).thenComparingLong(c -> Math.round(c[1])));
        assertEquals(0.04, three[0][0], 0.01);
        assertEquals(1.04, three[1][1], 0.01);
        assertEquals(1.04, three[2][0], 0.01);
        // Fewer customers than twice the sample: every start runs on everyone.
        assertEquals(null, SegmentationJob.run(spec(features, false, 3, 3, 2_000)).screenedOn());
    }

    @Test
    void readsTheColumnarCopyWhenItIsCompleteAndTheRowsOtherwise() throws Exception {
        List<JobSpec.Feature> features = List.of(new JobSpec.Feature(1, 0, null, null, false, 0, 10),
                new JobSpec.Feature(2, 0, null, null, false, 0, 10));
        JobResult fromBlocks = SegmentationJob.run(blocked(7, features));
        JobResult fromRows = SegmentationJob.run(blocked(8, features));

        assertEquals("blocks", fromBlocks.source());
        assertEquals("rows", fromRows.source());
        assertEquals(BLOCKED_ROWS - BLOCKED_ROWS / 100, fromBlocks.rows());
        assertEquals(fromRows.rows(), fromBlocks.rows());
        // The same customers, prepared alike: the three groups' means, to the last digits.
        double[][] blocks = sorted(fromBlocks.fits().get(0).centres());
        double[][] rows = sorted(fromRows.fits().get(0).centres());
        for (int c = 0; c < 3; c++) {
            assertEquals(rows[c][0], blocks[c][0], 1e-9);
            assertEquals(rows[c][1], blocks[c][1], 1e-9);
        }
        assertEquals(fromRows.fits().get(0).cost(), fromBlocks.fits().get(0).cost(), 1e-6 * fromRows.fits().get(0).cost());
    }

    @Test
    void theScreeningSampleAndTheFitsDoNotDependOnHowTheCustomersAreRead() throws Exception {
        List<JobSpec.Feature> features = List.of(new JobSpec.Feature(1, 0, null, null, false, 0, 10),
                new JobSpec.Feature(2, 0, null, null, false, 0, 10));
        // The same customers from the columnar copy in two partitions and from the rows in three: another order and
        // other partitions, so a sample drawn partition by partition would differ, and MLlib's k-means|| with it.
        JobResult fromBlocks = SegmentationJob.run(blocked(7, features, 2, 4, 2, 10_000));
        JobResult fromRows = SegmentationJob.run(blocked(8, features, 3, 4, 2, 10_000));

        assertEquals("blocks", fromBlocks.source());
        assertEquals("rows", fromRows.source());
        assertTrue(fromBlocks.screenedOn() > 9_000 && fromBlocks.screenedOn() < 11_000, "screened on " + fromBlocks.screenedOn());
        assertEquals(fromBlocks.screenedOn(), fromRows.screenedOn(), "the same customers drawn");
        for (int f = 0; f < fromBlocks.fits().size(); f++) {
            double[][] blocks = sorted(fromBlocks.fits().get(f).centres());
            double[][] rows = sorted(fromRows.fits().get(f).centres());
            for (int c = 0; c < blocks.length; c++) {
                assertEquals(rows[c][0], blocks[c][0], 1e-9, "k = " + blocks.length + ", centre " + c);
                assertEquals(rows[c][1], blocks[c][1], 1e-9, "k = " + blocks.length + ", centre " + c);
            }
            assertEquals(fromRows.fits().get(f).cost(), fromBlocks.fits().get(f).cost(),
                    1e-9 * fromRows.fits().get(f).cost());
        }
    }

    @Test
    void tooFewCustomersForTheLargestKIsAnErrorThatSaysSo() {
        List<JobSpec.Feature> features = List.of(new JobSpec.Feature(1, 0, null, null, false, 0, 1));
        JobSpec spec = new JobSpec("local[1]", Map.of("spark.driver.host", "127.0.0.1"), URL, USER, PASSWORD, SCHEMA,
                6, 100, 1, true, features, 2, 101, 1, 42, 10, 1e-4, 0, "test", null);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SegmentationJob.run(spec));
        assertTrue(refused.getMessage().contains("100 customers have every feature, fewer than k = 101"),
                refused.getMessage());
    }

    @Test
    void preparesAsTheServiceDoesMedianClipLogCentreScale() {
        JobSpec.Feature feature = new JobSpec.Feature(0, 4.0, 1.0, 99.0, true, 1.0, 2.0);
        assertEquals((Math.log1p(4.0) - 1.0) / 2.0, feature.apply(Double.NaN), 1e-12);
        assertEquals((Math.log1p(99.0) - 1.0) / 2.0, feature.apply(1e6), 1e-12);
        assertEquals((Math.log1p(1.0) - 1.0) / 2.0, feature.apply(-5), 1e-12);

        SegmentationJob.Preparer dropping = new SegmentationJob.Preparer(new JobSpec.Feature[] { feature }, true,
                ScreeningSample.NONE);
        assertTrue(!dropping.prepare(RowFactory.create(1, null)).hasNext());
        SegmentationJob.Preparer filling = new SegmentationJob.Preparer(new JobSpec.Feature[] { feature }, false,
                ScreeningSample.NONE);
        Iterator<Vector> filled = filling.prepare(RowFactory.create(1, null));
        assertEquals((Math.log1p(4.0) - 1.0) / 2.0, filled.next().apply(0), 1e-12);
    }

    @Test
    void aFailureIsReportedByItsInnermostCause() {
        Exception failure = new RuntimeException("job aborted", new IllegalStateException("Connection refused\nretry"));
        assertEquals("Connection refused retry", SegmentationJob.reason(failure));
    }

    private static JobSpec spec(List<JobSpec.Feature> features, boolean dropMissing, int kMin, int kMax,
            int screeningSample) {
        return new JobSpec("local[2]", Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1"),
                URL, USER, PASSWORD, SCHEMA, 5, ROWS, 3, dropMissing, features, kMin, kMax, 2, 42, 100, 1e-6,
                screeningSample, "test", null);
    }

    private static JobSpec blocked(long dataset, List<JobSpec.Feature> features) {
        return blocked(dataset, features, 2, 3, 1, 0);
    }

    private static JobSpec blocked(long dataset, List<JobSpec.Feature> features, int partitions, int kMax, int restarts,
            int screeningSample) {
        return new JobSpec("local[2]", Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1"),
                URL, USER, PASSWORD, SCHEMA, dataset, BLOCKED_ROWS, partitions, true, features, 3, kMax, restarts, 42,
                100, 1e-6, screeningSample, "test", null);
    }

    private static double[][] sorted(double[][] centres) {
        Arrays.sort(centres, Comparator.<double[]>comparingLong(c -> Math.round(c[0])).thenComparingLong(c -> Math.round(c[1])));
        return centres;
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }

}
