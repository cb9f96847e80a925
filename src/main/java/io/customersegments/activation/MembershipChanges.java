package io.customersegments.activation;

import java.sql.Timestamp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.customersegments.dataset.DatasetDependents;
import io.customersegments.run.RunPublished;
import io.customersegments.run.WholeRunJoins;

/**
 * Writes what a publish changed for each customer: {@code EXITED} the segment they had in the run that was live
 * before and {@code ENTERED} the one they have now (a move is both, in that order; customers whose segment kept its
 * key have no event), or {@code ENTERED} for everyone on a lineage's first publish. When both runs are of the same
 * dataset a customer is the same row in both; across versions of the table a customer is the same external id. A
 * customer one run left out (a missing or outlying value, or absent from one version) enters or exits alone. One
 * set-based statement in the publishing transaction: the events exist exactly when the publish does. The events
 * belong to the lineage (named by its first version's id) and go with its first version.
 */
@Component
class MembershipChanges implements DatasetDependents {

    private static final Logger log = LoggerFactory.getLogger(MembershipChanges.class);

    /** Advisory lock class: publishes write their events one at a time, so ids are committed in order. */
    static final int EVENT_ORDER_LOCK_CLASS = 0x5E6D_0010;

    private static final String INSERT = """
            INSERT INTO %s (dataset_id, segmentation_id, type, customer_id, segment_key, segment_name, published_at)
            """;

    /** Everyone enters: the run's customers in row order. */
    private static final String FIRST_PUBLISH = INSERT + """
            SELECT ?, ?, 'ENTERED', c.external_id, s.key, s.name, ?
            FROM assignment a
            JOIN segment s ON s.segmentation_id = a.segmentation_id AND s.ordinal = a.segment_ordinal
            JOIN customer c ON c.dataset_id = ? AND c.row_no = a.row_no
            WHERE a.segmentation_id = ?
            ORDER BY a.row_no""";

    /**
     * The two runs' assignments side by side by row (their blocks side by side, each pair unnested together), only
     * the rows whose key differs, and only those looked up among the customers.
     */
    private static final String CHANGES = INSERT + """
            SELECT ?, ?, e.type, c.external_id, e.key, e.name, ?
            FROM (
                SELECT coalesce(n.block_no, o.block_no) * 1024 + u.i::integer AS row_no, ns.key AS new_key,
                       ns.name AS new_name, os.key AS old_key, os.name AS old_name
                FROM (SELECT block_no, segments FROM assignment_block WHERE segmentation_id = ?) n
                FULL JOIN (SELECT block_no, segments FROM assignment_block WHERE segmentation_id = ?) o
                    ON o.block_no = n.block_no
                CROSS JOIN LATERAL unnest(n.segments, o.segments) WITH ORDINALITY AS u (new_ordinal, old_ordinal, i)
                LEFT JOIN segment ns ON ns.segmentation_id = ? AND ns.ordinal = u.new_ordinal
                LEFT JOIN segment os ON os.segmentation_id = ? AND os.ordinal = u.old_ordinal
                WHERE ns.key IS DISTINCT FROM os.key
            ) m
            JOIN customer c ON c.dataset_id = ? AND c.row_no = m.row_no
            CROSS JOIN LATERAL (VALUES (0, 'EXITED', m.old_key, m.old_name), (1, 'ENTERED', m.new_key, m.new_name))
                AS e (step, type, key, name)
            WHERE e.key IS NOT NULL
            ORDER BY m.row_no, e.step""";

    /**
     * Across versions: the two runs' customers side by side by external id (a hash join), in the new version's row
     * order, then those only the old version had.
     */
    private static final String CHANGES_ACROSS_VERSIONS = INSERT + """
            WITH new_rows AS MATERIALIZED (SELECT row_no, segment_ordinal FROM assignment WHERE segmentation_id = ?),
                 old_rows AS MATERIALIZED (SELECT row_no, segment_ordinal FROM assignment WHERE segmentation_id = ?)
            SELECT ?, ?, e.type, m.external_id, e.key, e.name, ?
            FROM (
                SELECT coalesce(n.external_id, o.external_id) AS external_id, n.row_no AS new_row, o.row_no AS old_row,
                       ns.key AS new_key, ns.name AS new_name, os.key AS old_key, os.name AS old_name
                FROM (SELECT c.external_id, c.row_no, a.segment_ordinal FROM new_rows a
                      JOIN customer c ON c.dataset_id = ? AND c.row_no = a.row_no) n
                FULL JOIN (SELECT c.external_id, c.row_no, a.segment_ordinal FROM old_rows a
                      JOIN customer c ON c.dataset_id = ? AND c.row_no = a.row_no) o
                    ON o.external_id = n.external_id
                LEFT JOIN segment ns ON ns.segmentation_id = ? AND ns.ordinal = n.segment_ordinal
                LEFT JOIN segment os ON os.segmentation_id = ? AND os.ordinal = o.segment_ordinal
                WHERE ns.key IS DISTINCT FROM os.key
            ) m
            CROSS JOIN LATERAL (VALUES (0, 'EXITED', m.old_key, m.old_name), (1, 'ENTERED', m.new_key, m.new_name))
                AS e (step, type, key, name)
            WHERE e.key IS NOT NULL
            ORDER BY m.new_row NULLS LAST, m.old_row, e.step""";

    private final JdbcTemplate jdbc;

    private final ApplicationEventPublisher events;

    MembershipChanges(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(RunPublished published) {
        long started = System.nanoTime();
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?, 0)", Object.class, EVENT_ORDER_LOCK_CLASS);
        // The joins and the sort over two runs' assignments fit in memory instead of spilling to disk in 4 MB parts.
        jdbc.execute("SET LOCAL work_mem = '128MB'");
        long lineage = published.lineageId();
        long dataset = published.datasetId();
        long run = published.segmentationId();
        Timestamp at = Timestamp.from(published.publishedAt());
        String partition = partition(lineage);
        boolean first = !Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class,
                partition));
        if (first) {
            // Filled before it is attached: its index is built once, in bulk, when it is.
            jdbc.execute("CREATE TABLE " + partition + " (LIKE segment_event INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
            jdbc.execute("ALTER TABLE " + partition + " ADD CONSTRAINT " + partition + "_dataset CHECK (dataset_id = "
                    + lineage + ")");
        }
        Long previous = published.previousSegmentationId();
        // Publishes write one at a time (the lock), so this publish's events are the ids the sequence gives now.
        long before = lastEventId();
        // A dataset without events yet (also one published before events existed) starts with everyone entering,
        // so replaying its feed from the start always ends at its live segments.
        Long previousDataset = published.previousDatasetId();
        int written = previous == null || first
                ? jdbc.update(FIRST_PUBLISH.formatted(partition), lineage, run, at, dataset, run)
                : previousDataset.longValue() == dataset
                        ? jdbc.update(CHANGES.formatted(partition), lineage, run, at, run, previous, run, previous, dataset)
                        : WholeRunJoins.plan(jdbc, () -> jdbc.update(CHANGES_ACROSS_VERSIONS.formatted(partition), run,
                                previous, lineage, run, at, dataset, previousDataset, run, previous));
        if (first) {
            jdbc.execute("ALTER TABLE segment_event ATTACH PARTITION " + partition + " FOR VALUES IN (" + lineage + ")");
        }
        log.info("Publishing run {} of dataset {} (lineage {}) wrote {} segment events in {} ms", run, dataset, lineage,
                written, (System.nanoTime() - started) / 1_000_000);
        events.publishEvent(new SegmentChangesWritten(lineage, dataset, run, previous, published.publishedAt(), before,
                lastEventId(), written));
    }

    /** The last event id the sequence has given (0 before the first). */
    private long lastEventId() {
        return jdbc.queryForObject("SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END "
                + "FROM segment_event_id_seq", Long.class);
    }

    /**
     * Drops the dataset's events last in the deleting transaction. Dropping a partition locks the whole event table;
     * a publish locks customers and assignments before it (on a first publish) attaches its events, so taking the
     * event table after the dataset's customers and assignments are dropped never waits on a publish in a circle,
     * and holds the feed's readers back only for the moment before the commit.
     */
    @Override
    public void datasetDeleting(long datasetId, boolean force) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                jdbc.execute("SET LOCAL lock_timeout = '5s'");
                jdbc.execute("DROP TABLE IF EXISTS " + partition(datasetId));
            }
        });
    }

    private static String partition(long datasetId) {
        return "segment_event_" + datasetId;
    }

}
