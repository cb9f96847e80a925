package io.customersegments.activation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.customersegments.dataset.Datasets;

/** How a dataset's live segments grew and shrank, publish by publish. */
@Service
public class SegmentHistory {

    /** The most publishes one answer holds (the latest ones). */
    public static final int MAX_LIMIT = 1000;

    private static final TypeReference<List<SegmentSize>> SIZES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    private final Datasets datasets;

    private final JsonMapper json;

    SegmentHistory(JdbcTemplate jdbc, Datasets datasets, JsonMapper json) {
        this.jdbc = jdbc;
        this.datasets = datasets;
        this.json = json;
    }

    /** A live segment's size when a run was published. */
    public record SegmentSize(String key, String name, long size, double share) {
    }

    /**
     * One publish.
     *
     * @param previousSegmentationId the run live before, or null
     * @param changes the ENTERED and EXITED events it wrote; null for a publish made before events were kept
     * @param customers the customers in its segments
     */
    public record Publish(long id, long segmentationId, Long previousSegmentationId, Instant publishedAt,
            Integer changes, long customers, List<SegmentSize> segments) {
    }

    /**
     * @param datasetId the lineage: the first version of the dataset's table, whose publishes these are
     * @param publishes oldest first
     */
    public record History(long datasetId, List<Publish> publishes) {
    }

    /**
     * The latest {@code limit} publishes of a dataset's lineage (of any version of its table), oldest first; 404 for
     * an unknown dataset.
     */
    @Transactional(readOnly = true)
    public History of(long datasetId, int limit) {
        long lineage = datasets.lineageOf(datasetId);
        List<Publish> publishes = new ArrayList<>(jdbc.query("SELECT id, segmentation_id, previous_segmentation_id, "
                + "published_at, changes, customers, segments::text FROM publication WHERE dataset_id = ? "
                + "ORDER BY id DESC LIMIT ?",
                (row, n) -> new Publish(row.getLong(1), row.getLong(2), (Long) row.getObject(3),
                        row.getTimestamp(4).toInstant(), (Integer) row.getObject(5), row.getLong(6),
                        json.readValue(row.getString(7), SIZES)),
                lineage, limit));
        Collections.reverse(publishes);
        return new History(lineage, publishes);
    }

}
