package io.customersegments.segmentation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.siegmar.fastcsv.writer.CsvWriter;

import tools.jackson.databind.json.JsonMapper;

import io.customersegments.clustering.Assignments;

import io.customersegments.preparation.FeatureTransform;
import io.customersegments.web.PageView;

/** What marketing apps read: the live segments, their audiences, a customer's segment, and scores for new customers. */
@Service
public class Segments {

    private static final int FETCH_SIZE = 10_000;

    /** Scaled values beyond this (in the run's units, standard deviations by default) would overflow distances. */
    private static final double MAX_SCORABLE = 1e150;

    private final SegmentationRepository runs;

    private final SegmentStore store;

    private final JdbcTemplate jdbc;

    private final LiveSegmentsCache cache;

    private final JsonMapper json;

    private final RunSettings settings;

    Segments(SegmentationRepository runs, SegmentStore store, JdbcTemplate jdbc, LiveSegmentsCache cache,
            JsonMapper json, RunSettings settings) {
        this.settings = settings;
        this.runs = runs;
        this.store = store;
        this.cache = cache;
        this.json = json;
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
    }

    /** The published segments of a dataset, or without one those of the latest publish; served from memory while unchanged. */
    public LiveSegments live(Long datasetId) {
        return cached(datasetId).segments();
    }

    /** The live segments as JSON, serialised once per change, with its ETag. */
    LiveSegmentsCache.Cached liveJson(Long datasetId) {
        return cached(datasetId);
    }

    private LiveSegmentsCache.Cached cached(Long datasetId) {
        return cache.get(datasetId, () -> {
            LiveSegments live = load(datasetId);
            return new LiveSegmentsCache.Cached(live, json.writeValueAsBytes(live));
        });
    }

    private LiveSegments load(Long datasetId) {
        Segmentation run = (datasetId == null ? runs.findFirstByPublishedAtIsNotNullOrderByPublishedAtDesc()
                : runs.findFirstByDatasetIdAndPublishedAtIsNotNull(datasetId))
            .orElseThrow(() -> new SegmentNotFoundException(datasetId == null
                    ? "No segments are published yet. Publish a successful run with POST /api/segmentations/{id}/publish."
                    : "Dataset " + datasetId + " has no published segments. Publish a successful run of it with POST "
                            + "/api/segmentations/{id}/publish."));
        return new LiveSegments(run.getId(), run.getDatasetId(), run.getPublishedAt() != null, run.getPublishedAt(),
                store.segments(run.getId(), run.getModel()));
    }

    @Transactional(readOnly = true)
    public SegmentView segment(String key) {
        return liveSegment(key).segment();
    }

    /** One page of a live segment's customers, in file order. */
    @Transactional(readOnly = true)
    public PageView<AudienceMember> audience(String key, int page, int size) {
        LiveSegment live = liveSegment(key);
        Segmentation run = live.run();
        SegmentView segment = live.segment();
        List<AudienceMember> members = jdbc.query("SELECT c.external_id, a.distance, a.second_distance FROM assignment a "
                + "JOIN customer c ON c.dataset_id = ? AND c.row_no = a.row_no WHERE a.segmentation_id = ? "
                + "AND a.segment_ordinal = ? ORDER BY a.row_no LIMIT ? OFFSET ?",
                (rs, rowNum) -> new AudienceMember(rs.getString(1), rs.getDouble(2), rs.getDouble(3) - rs.getDouble(2)),
                run.getDatasetId(), run.getId(), segment.ordinal(), size, (long) page * size);
        return PageView.of(members, page, size, segment.size());
    }

    /** A live segment's whole audience as CSV, streamed. */
    @Transactional(readOnly = true)
    public void writeAudienceCsv(String key, Writer out) {
        LiveSegment live = liveSegment(key);
        Segmentation run = live.run();
        SegmentView segment = live.segment();
        try (CsvWriter csv = CsvWriter.builder().build(out)) {
            csv.writeRecord("externalId", "segmentKey", "segmentName", "distance", "margin");
            jdbc.query("SELECT c.external_id, a.distance, a.second_distance FROM assignment a JOIN customer c "
                    + "ON c.dataset_id = ? AND c.row_no = a.row_no WHERE a.segmentation_id = ? AND a.segment_ordinal = ? "
                    + "ORDER BY a.row_no", rs -> {
                        csv.writeRecord(SpreadsheetSafe.cell(rs.getString(1)), SpreadsheetSafe.cell(key),
                                SpreadsheetSafe.cell(segment.name()), Double.toString(rs.getDouble(2)),
                                Double.toString(rs.getDouble(3) - rs.getDouble(2)));
                    }, run.getDatasetId(), run.getId(), segment.ordinal());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Fails as the CSV would, before a response has started: for an unknown run or one that has not succeeded. */
    @Transactional(readOnly = true)
    public void requireAssignments(long segmentationId) {
        succeeded(segmentationId, "assignments exist once it has SUCCEEDED");
    }

    /** Every customer's assignment in a run, as CSV, streamed. */
    @Transactional(readOnly = true)
    public void writeAssignmentsCsv(long segmentationId, Writer out) {
        Segmentation run = succeeded(segmentationId, "assignments exist once it has SUCCEEDED");
        List<SegmentStore.StoredSegment> segments = store.stored(segmentationId);
        try (CsvWriter csv = CsvWriter.builder().build(out)) {
            csv.writeRecord("externalId", "rowNo", "segmentKey", "segmentName", "distance", "secondDistance");
            jdbc.query("SELECT c.external_id, a.row_no, a.segment_ordinal, a.distance, a.second_distance FROM assignment a "
                    + "JOIN customer c ON c.dataset_id = ? AND c.row_no = a.row_no WHERE a.segmentation_id = ? "
                    + "ORDER BY a.row_no", rs -> {
                        SegmentStore.StoredSegment segment = segments.get(rs.getInt(3));
                        csv.writeRecord(SpreadsheetSafe.cell(rs.getString(1)), Integer.toString(rs.getInt(2)),
                                SpreadsheetSafe.cell(segment.key()), SpreadsheetSafe.cell(segment.name()),
                                Double.toString(rs.getDouble(4)), Double.toString(rs.getDouble(5)));
                    }, run.getDatasetId(), segmentationId);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The live segment of a customer; without a dataset, in the dataset of the latest live run. */
    @Transactional(readOnly = true)
    public CustomerSegment customerSegment(String externalId, Long datasetId) {
        LiveSegments live = live(datasetId);
        List<CustomerSegment> found = jdbc.query("SELECT a.segment_ordinal, a.distance, a.second_distance FROM customer c "
                + "JOIN assignment a ON a.segmentation_id = ? AND a.row_no = c.row_no "
                + "WHERE c.dataset_id = ? AND c.external_id = ?", (rs, rowNum) -> {
                    SegmentView segment = live.segments().get(rs.getInt(1));
                    return new CustomerSegment(externalId, live.datasetId(), live.segmentationId(), segment.key(),
                            segment.name(), rs.getDouble(2), rs.getDouble(3) - rs.getDouble(2));
                }, live.segmentationId(), live.datasetId(), externalId);
        if (found.isEmpty()) {
            throw new SegmentNotFoundException("Dataset " + live.datasetId() + " has no customer \"" + externalId
                    + "\" in its live segments (run " + live.segmentationId() + "): the id is unknown, or the run left "
                    + "the customer out for a missing or outlying value.");
        }
        return found.get(0);
    }

    /**
     * Scores new customers with a run's model. The body is a JSON array of customers, each an object from
     * feature (as the run named it, or its key) to value, optionally with an externalId; at most
     * {@code segmentation.runs.max-predict-customers} per call. Read only once the run is known to score.
     */
    public List<Prediction> predict(long segmentationId, InputStream body) {
        Segmentation run = succeeded(segmentationId, "only a SUCCEEDED run can score customers");
        Set<String> wanted = new HashSet<>(Set.of("externalId"));
        run.getModel().transforms().forEach(transform -> {
            wanted.add(transform.feature());
            wanted.add(transform.key());
        });
        List<Map<String, Object>> customers = PredictBody.read(json, body, wanted, settings.maxPredictCustomers());
        RunModel model = run.getModel();
        List<SegmentStore.StoredSegment> segments = store.stored(segmentationId);
        List<Map<String, String>> errors = new ArrayList<>();
        int d = model.transforms().size();
        int n = customers.size();
        double[] points = new double[n * d];
        boolean[] outOfRange = new boolean[n];
        for (int index = 0; index < n; index++) {
            Map<String, Object> customer = customers.get(index);
            if (customer == null) {
                errors.add(predictError(index, "customer " + index + " is not an object; send an object of feature values"));
                continue;
            }
            for (int j = 0; j < d; j++) {
                FeatureTransform transform = model.transforms().get(j);
                Object value = customer.containsKey(transform.feature()) ? customer.get(transform.feature())
                        : customer.get(transform.key());
                if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                    errors.add(predictError(index, "customer " + index + ": \"" + transform.feature() + "\" must be a "
                            + "number" + (value == null ? " and is missing" : "")));
                    continue;
                }
                double scaled = transform.apply(number.doubleValue());
                if (!Double.isFinite(scaled) || Math.abs(scaled) > MAX_SCORABLE) {
                    errors.add(predictError(index, "customer " + index + ": \"" + transform.feature() + "\" = "
                            + number + " is too far outside the run's data to be scored"));
                    continue;
                }
                outOfRange[index] |= transform.outOfRange(number.doubleValue());
                points[index * d + j] = scaled;
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidSegmentationRequestException(errors);
        }
        List<Prediction> predictions = new ArrayList<>(n);
        if (n == 0) {
            return predictions;
        }
        Assignments nearest = Assignments.nearest(points, n, d, model.centroids(), model.k());
        for (int index = 0; index < n; index++) {
            Object externalId = customers.get(index).get("externalId");
            SegmentStore.StoredSegment segment = segments.get(nearest.labels()[index]);
            double distance = nearest.distances()[index];
            double second = nearest.secondDistances()[index];
            predictions.add(new Prediction(externalId == null ? null : externalId.toString(), segment.key(),
                    segment.name(), distance, Double.isFinite(second) ? second - distance : null, outOfRange[index]));
        }
        return predictions;
    }

    private static Map<String, String> predictError(int index, String message) {
        return Map.of("index", String.valueOf(index), "message", message);
    }

    private Segmentation succeeded(long segmentationId, String why) {
        Segmentation run = runs.findById(segmentationId)
            .orElseThrow(() -> new SegmentationNotFoundException(segmentationId));
        if (run.getStatus() != RunStatus.SUCCEEDED) {
            throw new RunStateException(segmentationId, run.getStatus(), "Run " + segmentationId + " is "
                    + run.getStatus() + "; " + why + ".");
        }
        return run;
    }

    /** A live segment with the run it belongs to. */
    private record LiveSegment(Segmentation run, SegmentView segment) {
    }

    private LiveSegment liveSegment(String key) {
        Long runId = jdbc.query("SELECT r.id FROM segment s JOIN segmentation r ON r.id = s.segmentation_id "
                + "WHERE s.key = ? AND r.published_at IS NOT NULL ORDER BY r.id DESC LIMIT 1",
                rs -> rs.next() ? rs.getLong(1) : null, key);
        Segmentation run = runId == null ? null : runs.findById(runId).orElse(null);
        SegmentView segment = run == null ? null : store.segment(run.getId(), key, run.getModel()).orElse(null);
        if (segment == null) {
            throw new SegmentNotFoundException("No live segment has the key \"" + key + "\". GET /api/segments lists "
                    + "the live segments.");
        }
        return new LiveSegment(run, segment);
    }

}
