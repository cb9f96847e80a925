package io.customersegments.run;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.customersegments.preparation.FeatureTransform;
import io.customersegments.profile.CategoryShare;
import io.customersegments.profile.FeatureProfile;
import io.customersegments.profile.Recommendation;
import io.customersegments.profile.SegmentProfile;

/** Segments and assignments: written once per run (assignments with COPY), read by key or by run. */
@Component
class SegmentStore {

    private static final Logger log = LoggerFactory.getLogger(SegmentStore.class);

    private final JdbcTemplate jdbc;

    private final JsonMapper json;

    private final AssignmentBlocks assignments;

    SegmentStore(JdbcTemplate jdbc, AssignmentBlocks assignments, JsonMapper json) {
        this.jdbc = jdbc;
        this.assignments = assignments;
        this.json = json;
    }

    /** A new segment's key: derived from its run and place, so the same stored runs always carry the same keys. */
    static String newKey(long segmentationId, int ordinal) {
        byte[] digest = DigestUtils.md5Digest(("segment/" + segmentationId + "/" + ordinal).getBytes(StandardCharsets.UTF_8));
        return "seg-" + HexFormat.of().formatHex(digest, 0, 6);
    }

    /** Each segment's mean distance of its customers to its centre, by ordinal, in the run's clustering space. */
    double[] meanDistances(long segmentationId, int k) {
        double[] means = new double[k];
        jdbc.query("SELECT segment_ordinal, avg(distance) FROM assignment WHERE segmentation_id = ? GROUP BY 1",
                rs -> {
                    means[rs.getInt(1)] = rs.getDouble(2);
                }, segmentationId);
        return means;
    }

    /** @param values per segment ordinal, what its customers are worth (null entries, or null for no values) */
    void insert(long segmentationId, List<SegmentProfile> segments, SegmentValue[] values) {
        for (SegmentProfile segment : segments) {
            SegmentValue value = values == null ? null : values[segment.ordinal()];
            jdbc.update("INSERT INTO segment (segmentation_id, ordinal, key, name, description, size, share, centroid, "
                    + "profile, mix, recommendations, silhouette, lifetime_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                    + "?::jsonb, ?::jsonb, ?::jsonb, ?, ?::jsonb)", segmentationId, segment.ordinal(),
                    segment.key() != null ? segment.key() : newKey(segmentationId, segment.ordinal()), segment.name(),
                    segment.description(),
                    segment.size(), segment.share(), toArray(segment.centroidScaled()), json.writeValueAsString(segment.profile()),
                    json.writeValueAsString(segment.mix()), json.writeValueAsString(segment.recommendations()),
                    segment.silhouette(), value == null ? null : json.writeValueAsString(value));
        }
    }

    private static Double[] toArray(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    static String partition(long segmentationId) {
        return "assignment_r" + segmentationId;
    }

    /**
     * Writes the run's assignments as blocks (see {@link AssignmentBlocks}) with one COPY into a partition of its
     * own, then attached; its only index is on the blocks.
     */
    void insertAssignments(long segmentationId, AssignmentBlocks.Assigned assigned) {
        String partition = partition(segmentationId);
        jdbc.execute("CREATE TABLE " + partition + " (LIKE assignment_block INCLUDING DEFAULTS INCLUDING STORAGE)");
        jdbc.execute("ALTER TABLE " + partition + " ADD CONSTRAINT " + partition + "_run CHECK (segmentation_id = "
                + segmentationId + ")");
        assignments.copy(partition, segmentationId, assigned);
        jdbc.execute("ALTER TABLE assignment_block ATTACH PARTITION " + partition + " FOR VALUES IN (" + segmentationId
                + ")");
        // Statistics at once (autovacuum may be late or off), of the columns queries filter on: the arrays' own
        // statistics would read every block.
        jdbc.execute("ANALYZE " + partition + " (segmentation_id, block_no)");
    }

    /**
     * On start: drops the assignment tables of runs that no longer exist, left behind by an earlier
     * version that let a dataset's deletion and a run's store overlap.
     */
    @EventListener(ApplicationReadyEvent.class)
    void dropOrphanedAssignments() {
        List<String> orphans = jdbc.queryForList("SELECT t.tablename FROM pg_tables t WHERE t.schemaname = current_schema() "
                + "AND t.tablename ~ '^assignment_r[0-9]+$' AND NOT EXISTS (SELECT 1 FROM segmentation s "
                + "WHERE s.id = substring(t.tablename FROM 13)::bigint)", String.class);
        orphans.forEach(table -> {
            jdbc.execute("DROP TABLE IF EXISTS " + table);
            log.warn("Dropped {}: the assignments of a run that no longer exists", table);
        });
    }

    /** Drops a run's assignments, if it has any. */
    void deleteAssignments(long segmentationId) {
        // Dropping a partition locks the whole assignment table, and every reader of any run's assignments queues
        // behind the waiting drop: wait at most a second behind a long export (then 409 conflict, try again).
        jdbc.execute("SET LOCAL lock_timeout = '1s'");
        jdbc.execute("DROP TABLE IF EXISTS " + partition(segmentationId));
    }

    List<SegmentView> segments(long segmentationId, RunModel model) {
        return jdbc.query("SELECT key, ordinal, name, description, size, share, centroid, profile, mix, recommendations, "
                + "silhouette, lifetime_value FROM segment WHERE segmentation_id = ? ORDER BY ordinal",
                (rs, rowNum) -> view(rs, model), segmentationId);
    }

    /** The segment with this key in the given run, if any. */
    Optional<SegmentView> segment(long segmentationId, String key, RunModel model) {
        return jdbc.query("SELECT key, ordinal, name, description, size, share, centroid, profile, mix, recommendations, "
                + "silhouette, lifetime_value FROM segment WHERE segmentation_id = ? AND key = ?", (rs, rowNum) -> view(rs, model),
                segmentationId, key).stream().findFirst();
    }

    private SegmentView view(ResultSet rs, RunModel model) throws SQLException {
        Double[] centre = (Double[]) rs.getArray("centroid").getArray();
        Map<String, Double> centroid = new LinkedHashMap<>();
        for (int j = 0; j < model.transforms().size(); j++) {
            FeatureTransform transform = model.transforms().get(j);
            centroid.put(transform.feature(), transform.invert(centre[j]));
        }
        Double silhouette = rs.getObject("silhouette", Double.class);
        return new SegmentView(rs.getString("key"), rs.getInt("ordinal"), rs.getString("name"),
                rs.getString("description"), rs.getLong("size"), rs.getDouble("share"), centroid,
                json.readValue(rs.getString("profile"), new TypeReference<LinkedHashMap<String, FeatureProfile>>() {
                }), json.readValue(rs.getString("mix"), new TypeReference<LinkedHashMap<String, List<CategoryShare>>>() {
                }), silhouette,
                json.readValue(rs.getString("recommendations"), new TypeReference<List<Recommendation>>() {
                }), rs.getString("lifetime_value") == null ? null
                        : json.readValue(rs.getString("lifetime_value"), SegmentValue.class));
    }

    void insertChartSample(long runId, ChartSample sample) {
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO run_chart_sample (segmentation_id, "
                    + "rows_used, row_nos, external_ids, labels, original, levels) VALUES (?, ?, ?, ?, ?, ?, ?)");
            insert.setLong(1, runId);
            insert.setLong(2, sample.rowsUsed());
            insert.setArray(3, connection.createArrayOf("integer", Arrays.stream(sample.rowNos()).boxed().toArray()));
            insert.setArray(4, connection.createArrayOf("text", sample.externalIds()));
            insert.setArray(5, connection.createArrayOf("integer", Arrays.stream(sample.labels()).boxed().toArray()));
            insert.setArray(6, connection.createArrayOf("float8", toArray(sample.original())));
            insert.setArray(7, connection.createArrayOf("integer", Arrays.stream(sample.levels()).boxed().toArray()));
            return insert;
        });
    }

    /** The run's chart sample; empty for runs stored before samples were. */
    Optional<ChartSample> chartSample(long runId) {
        return jdbc.query("SELECT rows_used, row_nos, external_ids, labels, original, levels FROM run_chart_sample "
                + "WHERE segmentation_id = ?", (rs, rowNum) -> new ChartSample(rs.getLong(1),
                        ints((Integer[]) rs.getArray(2).getArray()), (String[]) rs.getArray(3).getArray(),
                        ints((Integer[]) rs.getArray(4).getArray()),
                        doubles((Double[]) rs.getArray(5).getArray()),
                        rs.getArray(6) == null ? new int[0] : ints((Integer[]) rs.getArray(6).getArray())),
                runId).stream().findFirst();
    }

    private static int[] ints(Integer[] boxed) {
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    private static double[] doubles(Double[] boxed) {
        return Arrays.stream(boxed).mapToDouble(Double::doubleValue).toArray();
    }

    /** The latest published run with a segment of this key. */
    Optional<Long> publishedRunWithKey(String key) {
        return Optional.ofNullable(jdbc.query("SELECT r.id FROM segment s JOIN segmentation r ON r.id = s.segmentation_id "
                + "WHERE s.key = ? AND r.published_at IS NOT NULL ORDER BY r.id DESC LIMIT 1",
                rs -> rs.next() ? rs.getLong(1) : null, key));
    }

    /** Assignments joined with customer ids, in row order, optionally of one segment and one page. */
    void forEachAssignment(long runId, long datasetId, Integer ordinal, long offset, Long limit,
            Consumer<AssignmentRow> each) {
        forEachAssignment(runId, datasetId, ordinal, offset, limit, null, (row, values) -> each.accept(row));
    }

    /** As above, with the run's feature values of each customer when {@code features} is given. */
    void forEachAssignment(long runId, long datasetId, Integer ordinal, long offset, Long limit, FeatureValues features,
            BiConsumer<AssignmentRow, Object[]> each) {
        assignments.forEach(runId, datasetId, ordinal, offset, limit, features, each);
    }

    Optional<AssignmentRow> assignmentOf(long runId, long datasetId, String externalId) {
        return assignments.assignmentOf(runId, datasetId, externalId);
    }

    /** How many customers of an RFM run have each pair of R and F scores: counts[r - 1][f - 1]. */
    long[][] rfGrid(long segmentationId) {
        long[][] counts = new long[5][5];
        jdbc.query("SELECT rfm / 100, rfm / 10 % 10, count(*) FROM assignment WHERE segmentation_id = ? AND rfm IS NOT NULL "
                + "GROUP BY 1, 2", rs -> {
                    counts[rs.getInt(1) - 1][rs.getInt(2) - 1] = rs.getLong(3);
                }, segmentationId);
        return counts;
    }

    /** A stored segment's identity and centre in its run's clustering space. */
    record StoredSegment(int ordinal, String key, String name, double[] centroid) {
    }

    List<StoredSegment> stored(long segmentationId) {
        return jdbc.query("SELECT ordinal, key, name, centroid FROM segment WHERE segmentation_id = ? ORDER BY ordinal",
                (rs, rowNum) -> {
                    double[] centroid = doubles((Double[]) rs.getArray("centroid").getArray());
                    return new StoredSegment(rs.getInt("ordinal"), rs.getString("key"), rs.getString("name"), centroid);
                }, segmentationId);
    }

    /** Gives the run's segments new keys, by ordinal; two steps, so keys may move between segments. */
    void rekey(long segmentationId, List<String> keysByOrdinal) {
        jdbc.update("UPDATE segment SET key = key || ':' || ordinal WHERE segmentation_id = ?", segmentationId);
        for (int ordinal = 0; ordinal < keysByOrdinal.size(); ordinal++) {
            jdbc.update("UPDATE segment SET key = ? WHERE segmentation_id = ? AND ordinal = ?", keysByOrdinal.get(ordinal),
                    segmentationId, ordinal);
        }
    }

    /**
     * counts[old ordinal][new ordinal]: customers assigned to both: the same row of one dataset, or across versions of
     * a table the same customer id.
     */
    long[][] migration(long previousId, long previousDatasetId, int previousK, long currentId, long currentDatasetId,
            int currentK) {
        long[][] counts = new long[previousK][currentK];
        RowCallbackHandler count = rs -> {
            counts[rs.getInt("from_ordinal")][rs.getInt("to_ordinal")] = rs.getLong("customers");
        };
        if (previousDatasetId == currentDatasetId) {
            // The same customers are the same rows: the two runs' blocks side by side, each pair unnested together.
            jdbc.query("SELECT u.from_ordinal, u.to_ordinal, count(*) AS customers FROM assignment_block o "
                    + "JOIN assignment_block n ON n.segmentation_id = ? AND n.block_no = o.block_no "
                    + "CROSS JOIN LATERAL unnest(o.segments, n.segments) AS u (from_ordinal, to_ordinal) "
                    + "WHERE o.segmentation_id = ? AND u.from_ordinal IS NOT NULL AND u.to_ordinal IS NOT NULL "
                    + "GROUP BY 1, 2", count, currentId, previousId);
        }
        else {
            // The joins over two versions' customers fit in memory instead of spilling to disk in 4 MB parts.
            jdbc.execute("SET LOCAL work_mem = '128MB'");
            WholeRunJoins.plan(jdbc, () -> {
                jdbc.query("WITH o AS MATERIALIZED (SELECT row_no, segment_ordinal FROM assignment "
                        + "WHERE segmentation_id = ?), n AS MATERIALIZED (SELECT row_no, segment_ordinal FROM assignment "
                        + "WHERE segmentation_id = ?) SELECT o.segment_ordinal AS from_ordinal, "
                        + "n.segment_ordinal AS to_ordinal, count(*) AS customers "
                        + "FROM o JOIN customer oc ON oc.dataset_id = ? AND oc.row_no = o.row_no "
                        + "JOIN customer nc ON nc.dataset_id = ? AND nc.external_id = oc.external_id "
                        + "JOIN n ON n.row_no = nc.row_no GROUP BY 1, 2", count, previousId, currentId,
                        previousDatasetId, currentDatasetId);
                return counts;
            });
        }
        return counts;
    }

}
