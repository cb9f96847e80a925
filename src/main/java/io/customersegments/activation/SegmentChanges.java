package io.customersegments.activation;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.customersegments.dataset.Datasets;

/** Reads the segment events in their one order, a page at a time. */
@Service
public class SegmentChanges {

    /** The most events one page may hold. */
    public static final int MAX_LIMIT = 10_000;

    private static final String COLUMNS = "SELECT id, type, customer_id, segment_key, segment_name, dataset_id, "
            + "segmentation_id, published_at FROM segment_event ";

    private static final RowMapper<SegmentChange> ROWS = (row, n) -> new SegmentChange(row.getLong(1),
            ChangeType.valueOf(row.getString(2)), row.getString(3), row.getString(4), row.getString(5), row.getLong(6),
            row.getLong(7), row.getTimestamp(8).toInstant());

    private final JdbcTemplate jdbc;

    private final Datasets datasets;

    SegmentChanges(JdbcTemplate jdbc, Datasets datasets) {
        this.jdbc = jdbc;
        this.datasets = datasets;
    }

    /**
     * A page of changes.
     *
     * @param events in id order
     * @param next the cursor to ask for the page after this one: the last event's id, or the cursor asked with when
     *     there is nothing newer yet (ask again later with the same cursor)
     */
    public record Page(List<SegmentChange> events, long next) {
    }

    /**
     * The events after a cursor, oldest first.
     *
     * @param datasetId only the events of this dataset's lineage (all versions of its table); null for every dataset's
     * @param after the cursor: 0 for the beginning, else a page's {@code next}
     */
    @Transactional(readOnly = true)
    public Page after(Long datasetId, long after, int limit) {
        // An unknown dataset is a 404, not an empty feed that would be polled for ever.
        Long lineage = datasetId == null ? null : datasets.lineageOf(datasetId);
        List<SegmentChange> events = jdbc.query(COLUMNS + (lineage == null ? "WHERE id > ? ORDER BY id LIMIT ?"
                : "WHERE dataset_id = ? AND id > ? ORDER BY id LIMIT ?"), ROWS,
                lineage == null ? new Object[] { after, limit } : new Object[] { lineage, after, limit });
        return new Page(events, events.isEmpty() ? after : events.get(events.size() - 1).id());
    }

    /**
     * A lineage's events with {@code afterId < id <= lastId}, oldest first: those of one publish, as
     * {@link SegmentChangesWritten} named them (none once the lineage's first version is deleted).
     */
    @Transactional(readOnly = true)
    public List<SegmentChange> range(long lineageId, long afterId, long lastId) {
        return jdbc.query(COLUMNS + "WHERE dataset_id = ? AND id > ? AND id <= ? ORDER BY id", ROWS, lineageId,
                afterId, lastId);
    }

}
