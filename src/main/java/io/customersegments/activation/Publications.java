package io.customersegments.activation;

import java.sql.Timestamp;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.customersegments.dataset.DatasetDependents;

/** Records each publish, with its segments' sizes then, in the publishing transaction: the segments' history. */
@Component
class Publications implements DatasetDependents {

    private final JdbcTemplate jdbc;

    Publications(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(SegmentChangesWritten written) {
        jdbc.update("INSERT INTO publication (dataset_id, segmentation_id, previous_segmentation_id, published_at, "
                + "changes, customers, segments) SELECT ?, ?, ?, ?, ?, coalesce(sum(size), 0), coalesce(jsonb_agg("
                + "jsonb_build_object('key', key, 'name', name, 'size', size, 'share', share) ORDER BY ordinal), "
                + "'[]'::jsonb) FROM segment WHERE segmentation_id = ?", written.lineageId(), written.segmentationId(),
                written.previousSegmentationId(), Timestamp.from(written.publishedAt()), written.count(),
                written.segmentationId());
    }

    @Override
    public void datasetDeleting(long datasetId, boolean force) {
        jdbc.update("DELETE FROM publication WHERE dataset_id = ?", datasetId);
    }

}
