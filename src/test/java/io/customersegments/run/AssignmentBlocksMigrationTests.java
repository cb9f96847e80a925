package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.customersegments.TestDatabase;

/**
 * V17 turns every stored run's assignment rows into blocks: nothing is lost or changed, a customer the run left
 * out stays out, and each block counts its segments' customers. Runs on a schema of its own, migrated to V16,
 * filled as the service of that version stored runs, then migrated on.
 */
class AssignmentBlocksMigrationTests {

    private final String schema = TestDatabase.TEST_SCHEMA + "_v17";

    private SingleConnectionDataSource dataSource;

    private JdbcTemplate jdbc;

    @BeforeEach
    void connect() {
        TestDatabase.Target target = TestDatabase.target();
        dataSource = new SingleConnectionDataSource(target.url(), target.username(), target.password(), true);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @AfterEach
    void drop() {
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        dataSource.destroy();
    }

    @Test
    void storedAssignmentsBecomeBlocksWithNothingLost() {
        flyway("16").migrate();
        jdbc.execute("SET search_path = " + schema);
        // Run 5: a clustering that left out every seventh customer, over three blocks (the last one short).
        store(5, "SELECT 5, r, r % 3, r * 0.5, r * 0.75, NULL, NULL, NULL, NULL FROM generate_series(1, 3000) r "
                + "WHERE r % 7 <> 0");
        // Run 6: an RFM-scored mixture of a few customers inside the second block, runners-up on every other one.
        store(6, "SELECT 6, r, r % 2, r, r + 1, 345, 0.5, CASE WHEN r % 2 = 0 THEN 1 END, "
                + "CASE WHEN r % 2 = 0 THEN 0.25 END FROM generate_series(1030, 1040) r");
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM assignment ORDER BY 1, 2");

        flyway(null).migrate();

        assertThat(jdbc.queryForList("SELECT segmentation_id, row_no, segment_ordinal, distance, second_distance, rfm, "
                + "probability, runner_up, runner_up_probability FROM assignment ORDER BY 1, 2")).isEqualTo(before);
        assertThat(jdbc.queryForList("SELECT segmentation_id, block_no, array_length(segments, 1) AS length, "
                + "segment_sizes::text AS sizes, rfm IS NULL AS no_rfm FROM assignment_block ORDER BY 1, 2"))
            .containsExactly(
                    Map.of("segmentation_id", 5L, "block_no", 0, "length", 1024, "sizes", "{293,293,292}", "no_rfm", true),
                    Map.of("segmentation_id", 5L, "block_no", 1, "length", 1024, "sizes", "{292,292,294}", "no_rfm", true),
                    Map.of("segmentation_id", 5L, "block_no", 2, "length", 952, "sizes", "{273,272,271}", "no_rfm", true),
                    Map.of("segmentation_id", 6L, "block_no", 1, "length", 16, "sizes", "{6,5}", "no_rfm", false));
        // Each run's blocks are its own partition, under the old partition's name (dropped with the run).
        assertThat(jdbc.queryForList("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'assignment_block'::regclass ORDER BY 1", String.class))
            .containsExactly("assignment_r5", "assignment_r6");
    }

    private void store(long run, String rows) {
        jdbc.execute("CREATE TABLE assignment_r" + run + " (LIKE assignment INCLUDING DEFAULTS)");
        jdbc.execute("INSERT INTO assignment_r" + run + " " + rows);
        jdbc.execute("ALTER TABLE assignment ATTACH PARTITION assignment_r" + run + " FOR VALUES IN (" + run + ")");
    }

    private Flyway flyway(String target) {
        var configuration = Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true);
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

}
