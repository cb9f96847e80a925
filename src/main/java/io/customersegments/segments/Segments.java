package io.customersegments.segments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import de.siegmar.fastcsv.writer.CsvWriter;

import tools.jackson.databind.json.JsonMapper;

import io.customersegments.run.AssignmentRow;
import io.customersegments.run.RfmScore;
import io.customersegments.run.RunResults;
import io.customersegments.run.RunSegments;
import io.customersegments.run.SegmentView;
import io.customersegments.web.PageView;

/**
 * The segments module's public face: what marketing apps read. The live (published) segments, one
 * segment by its stable key, its audience, a customer's segment, and every assignment of a run.
 */
@Service
public class Segments {

    private final RunResults runs;

    private final LiveSegmentsCache cache;

    private final JsonMapper json;

    Segments(RunResults runs, LiveSegmentsCache cache, JsonMapper json) {
        this.runs = runs;
        this.cache = cache;
        this.json = json;
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
        RunSegments run = runs.published(datasetId)
            .orElseThrow(() -> new SegmentNotFoundException(datasetId == null
                    ? "No segments are published yet. Publish a successful run with POST /api/segmentations/{id}/publish."
                    : "Dataset " + datasetId + " has no published segments. Publish a successful run of it with POST "
                            + "/api/segmentations/{id}/publish."));
        return new LiveSegments(run.runId(), run.datasetId(), run.lineageId(), true, run.publishedAt(),
                run.segments());
    }

    /** A live segment by key: of the given dataset's published run, or without one of the latest publish that has it. */
    public SegmentView segment(String key, Long datasetId) {
        return liveSegment(key, datasetId).segment();
    }

    /** One page of a live segment's customers, in file order. */
    @Transactional(readOnly = true)
    public PageView<AudienceMember> audience(String key, Long datasetId, int page, int size) {
        LiveSegment live = liveSegment(key, datasetId);
        List<AudienceMember> members = new ArrayList<>();
        runs.forEachAssignment(live.run(), live.segment().ordinal(), (long) page * size, (long) size,
                row -> members.add(new AudienceMember(row.externalId(), row.distance(), row.margin(), row.rfm(),
                        row.probability(), runnerUp(live.run().segments(), row))));
        return PageView.of(members, page, size, live.segment().size());
    }

    /** How many customers a live segment has. */
    public MemberCount memberCount(String key, Long datasetId) {
        LiveSegment live = liveSegment(key, datasetId);
        return new MemberCount(key, live.segment().size(), live.run().datasetId(), live.run().runId());
    }

    /** Whether a customer is in a live segment now (false too for a customer the dataset does not have). */
    public Membership membership(String key, String customerId, Long datasetId) {
        LiveSegment live = liveSegment(key, datasetId);
        boolean member = runs.assignmentOf(live.run().runId(), live.run().datasetId(), customerId)
            .filter(row -> row.ordinal() == live.segment().ordinal())
            .isPresent();
        return new Membership(key, customerId, member, live.run().datasetId(), live.run().runId());
    }

    /** A live segment's whole audience as CSV, streamed. */
    @Transactional(readOnly = true)
    public void writeAudienceCsv(String key, Long datasetId, Writer out) {
        LiveSegment live = liveSegment(key, datasetId);
        SegmentView segment = live.segment();
        try (CsvWriter csv = CsvWriter.builder().build(out)) {
            csv.writeRecord(withFeatures(live.run(), withScores(live.run(), "externalId", "segmentKey", "segmentName",
                    "distance", "margin")));
            runs.forEachAssignmentWithFeatures(live.run(), segment.ordinal(), (row, values) -> csv.writeRecord(
                    withFeatures(values, withScores(live.run(), row, SpreadsheetSafe.cell(row.externalId()),
                            SpreadsheetSafe.cell(key), SpreadsheetSafe.cell(segment.name()),
                            Double.toString(row.distance()), Double.toString(row.margin())))));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Fails as the CSV would, before a response has started: for an unknown run or one that has not succeeded. */
    public void requireAssignments(long runId) {
        runs.succeeded(runId, "assignments exist once it has SUCCEEDED");
    }

    /** Every customer's assignment in a run, as CSV, streamed. */
    @Transactional(readOnly = true)
    public void writeAssignmentsCsv(long runId, Writer out) {
        RunSegments run = runs.succeeded(runId, "assignments exist once it has SUCCEEDED");
        try (CsvWriter csv = CsvWriter.builder().build(out)) {
            csv.writeRecord(withFeatures(run, withScores(run, "externalId", "rowNo", "segmentKey", "segmentName",
                    "distance", "margin")));
            runs.forEachAssignmentWithFeatures(run, null, (row, values) -> {
                SegmentView segment = run.segments().get(row.ordinal());
                csv.writeRecord(withFeatures(values, withScores(run, row, SpreadsheetSafe.cell(row.externalId()),
                        Integer.toString(row.rowNo()), SpreadsheetSafe.cell(segment.key()),
                        SpreadsheetSafe.cell(segment.name()), Double.toString(row.distance()),
                        Double.toString(row.margin()))));
            });
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The live segment of a customer; without a dataset, in the dataset of the latest publish. */
    public CustomerSegment customerSegment(String externalId, Long datasetId) {
        LiveSegments live = live(datasetId);
        return runs.assignmentOf(live.segmentationId(), live.datasetId(), externalId).map(row -> {
            SegmentView segment = live.segments().get(row.ordinal());
            return new CustomerSegment(externalId, live.datasetId(), live.segmentationId(), segment.key(), segment.name(),
                    row.distance(), row.margin(), row.rfm(), row.probability(), runnerUp(live.segments(), row));
        }).orElseThrow(() -> new SegmentNotFoundException("Dataset " + live.datasetId() + " has no customer \""
                + externalId + "\" in its live segments (run " + live.segmentationId() + "): the id is unknown, or the "
                + "run left the customer out for a missing or outlying value."));
    }

    /** A Gaussian mixture run's next most probable segment for the customer; null for other runs. */
    private static RunnerUp runnerUp(List<SegmentView> segments, AssignmentRow row) {
        if (row.runnerUp() == null) {
            return null;
        }
        SegmentView runner = segments.get(row.runnerUp());
        return new RunnerUp(runner.key(), runner.name(), row.runnerUpProbability());
    }

    /** A live segment with the run it belongs to. */
    private record LiveSegment(RunSegments run, SegmentView segment) {
    }

    /**
     * Keys of clusterings are unique; the fixed keys of RFM segments (champions, ...) are the same on every dataset,
     * so with several datasets' RFM runs published the dataset says which one is meant (else the latest publish).
     */
    private LiveSegment liveSegment(String key, Long datasetId) {
        return (datasetId == null ? runs.publishedWithSegment(key) : runs.published(datasetId))
            .flatMap(run -> run.segments().stream().filter(segment -> segment.key().equals(key)).findFirst()
                .map(segment -> new LiveSegment(run, segment)))
            .orElseThrow(() -> new SegmentNotFoundException("No live segment " + (datasetId == null ? "" : "of dataset "
                    + datasetId + " ") + "has the key \"" + key + "\". GET /api/segments lists the live segments."));
    }

    /**
     * The header of an export, with the columns r, f and m of an RFM run's scores, or probability, runnerUpKey and
     * runnerUpProbability of a Gaussian mixture run's.
     */
    private static String[] withScores(RunSegments run, String... header) {
        return run.model().rfm() != null ? append(header, "r", "f", "m")
                : run.model().mixture() != null ? append(header, "probability", "runnerUpKey", "runnerUpProbability")
                : header;
    }

    /** A row of an export, with the customer's R, F and M scores, or its probabilities, as the header has them. */
    private static String[] withScores(RunSegments run, AssignmentRow row, String... cells) {
        RfmScore scores = row.rfm();
        if (scores != null) {
            return append(cells, Integer.toString(scores.r()), Integer.toString(scores.f()), Integer.toString(scores.m()));
        }
        if (run.model().mixture() != null) {
            // Probabilities are stored as 4-byte floats: written as such, 0.9 rather than 0.8999999761581421.
            return append(cells, row.probability() == null ? "" : Float.toString(row.probability().floatValue()),
                    row.runnerUp() == null ? "" : SpreadsheetSafe.cell(run.segments().get(row.runnerUp()).key()),
                    row.runnerUpProbability() == null ? "" : Float.toString(row.runnerUpProbability().floatValue()));
        }
        return cells;
    }

    /** The header with the run's features after the other columns, as the run named them. */
    private String[] withFeatures(RunSegments run, String... header) {
        return append(header, runs.featureNames(run).stream().map(SpreadsheetSafe::cell).toArray(String[]::new));
    }

    /** A row with the customer's feature values in their own units (derived ones computed), empty where missing. */
    private static String[] withFeatures(Object[] values, String... cells) {
        String[] features = new String[values.length];
        for (int f = 0; f < values.length; f++) {
            features[f] = values[f] == null ? "" : values[f] instanceof Double number ? Double.toString(number)
                    : SpreadsheetSafe.cell(values[f].toString());
        }
        return append(cells, features);
    }

    private static String[] append(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

}
