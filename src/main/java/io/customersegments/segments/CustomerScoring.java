package io.customersegments.segments;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

import io.customersegments.clustering.Assignments;
import io.customersegments.preparation.FeatureTransform;
import io.customersegments.rfm.RfmScores;
import io.customersegments.rfm.RfmSegment;
import io.customersegments.run.RfmScore;
import io.customersegments.run.RunModel;
import io.customersegments.run.RunResults;
import io.customersegments.run.RunSegments;
import io.customersegments.run.SegmentView;

/** Scores new customers with a run's model: the segment each would join, with distance and margin. */
@Service
public class CustomerScoring {

    /** Scaled values beyond this (in the run's units, standard deviations by default) would overflow distances. */
    private static final double MAX_SCORABLE = 1e150;

    private final RunResults runs;

    private final JsonMapper json;

    private final SegmentsSettings settings;

    CustomerScoring(RunResults runs, JsonMapper json, SegmentsSettings settings) {
        this.runs = runs;
        this.json = json;
        this.settings = settings;
    }

    /**
     * The body is a JSON array of customers, each an object from feature (as the run named it, or its key)
     * to value, optionally with an externalId; at most {@code segmentation.segments.max-predict-customers}
     * per call. It is read only once the run is known to score.
     */
    public List<Prediction> predict(long runId, InputStream body) {
        RunSegments run = runs.succeeded(runId, "only a SUCCEEDED run can score customers");
        RunModel model = run.model();
        Set<String> wanted = new HashSet<>(Set.of("externalId"));
        model.transforms().forEach(transform -> {
            wanted.add(transform.feature());
            wanted.add(transform.key());
        });
        List<Map<String, Object>> customers = PredictBody.read(json, body, wanted, settings.maxPredictCustomers());
        List<Map<String, String>> errors = new ArrayList<>();
        int d = model.transforms().size();
        int n = customers.size();
        double[] points = new double[n * d];
        double[] raw = new double[n * d];
        boolean[] outOfRange = new boolean[n];
        for (int index = 0; index < n; index++) {
            Map<String, Object> customer = customers.get(index);
            if (customer == null) {
                errors.add(error(index, "customer " + index + " is not an object; send an object of feature values"));
                continue;
            }
            for (int j = 0; j < d; j++) {
                FeatureTransform transform = model.transforms().get(j);
                Object value = customer.containsKey(transform.feature()) ? customer.get(transform.feature())
                        : customer.get(transform.key());
                if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                    errors.add(error(index, "customer " + index + ": \"" + transform.feature() + "\" must be a number"
                            + (value == null ? " and is missing" : "")));
                    continue;
                }
                double scaled = transform.apply(number.doubleValue());
                if (!Double.isFinite(scaled) || Math.abs(scaled) > MAX_SCORABLE) {
                    errors.add(error(index, "customer " + index + ": \"" + transform.feature() + "\" = " + number
                            + " is too far outside the run's data to be scored"));
                    continue;
                }
                outOfRange[index] |= transform.outOfRange(number.doubleValue());
                points[index * d + j] = scaled;
                raw[index * d + j] = number.doubleValue();
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidCustomersException(errors);
        }
        List<Prediction> predictions = new ArrayList<>(n);
        if (n == 0) {
            return predictions;
        }
        Assignments nearest = Assignments.nearest(points, n, d, model.centroids(), model.k());
        for (int index = 0; index < n; index++) {
            Object externalId = customers.get(index).get("externalId");
            int label = nearest.labels()[index];
            double distance = nearest.distances()[index];
            double second = nearest.secondDistances()[index];
            RfmScore scores = null;
            if (model.rfm() != null) {
                scores = rfmScores(model.rfm(), raw, index * d);
                int cell = model.rfm().segmentKeys().indexOf(RfmSegment.of(scores.r(), scores.f()).key());
                // A grid cell no customer of the run fell in has no segment: the nearest one is answered.
                if (cell >= 0 && cell != label) {
                    second = distance;
                    label = cell;
                    distance = distance(points, index * d, model.centroids(), cell * d, d);
                }
            }
            SegmentView segment = run.segments().get(label);
            predictions.add(new Prediction(externalId == null ? null : externalId.toString(), segment.key(),
                    segment.name(), distance, Double.isFinite(second) ? second - distance : null, outOfRange[index],
                    scores));
        }
        return predictions;
    }

    private static RfmScore rfmScores(RunModel.RfmModel rfm, double[] raw, int offset) {
        int[] scores = RfmScores.scoreNew(raw[offset], raw[offset + 1], raw[offset + 2], rfm.recencyEdges(),
                rfm.frequencyEdges(), rfm.monetaryEdges());
        return new RfmScore(scores[0], scores[1], scores[2]);
    }

    private static double distance(double[] points, int pointOffset, double[] centroids, int centroidOffset, int d) {
        double squares = 0;
        for (int j = 0; j < d; j++) {
            double delta = points[pointOffset + j] - centroids[centroidOffset + j];
            squares += delta * delta;
        }
        return Math.sqrt(squares);
    }

    private static Map<String, String> error(int index, String message) {
        return Map.of("index", String.valueOf(index), "message", message);
    }

}
