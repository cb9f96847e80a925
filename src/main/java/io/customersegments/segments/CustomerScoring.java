package io.customersegments.segments;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

import io.customersegments.clustering.Assignments;
import io.customersegments.clustering.MixtureAssignments;
import io.customersegments.clustering.MixtureFit;
import io.customersegments.preparation.CategoryEncoding;
import io.customersegments.preparation.FeatureTransform;
import io.customersegments.rfm.RfmScores;
import io.customersegments.rfm.RfmSegment;
import io.customersegments.expression.Expression;
import io.customersegments.run.DerivedFeatures;
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

    /**
     * How many times the width of the run's data a value may lie outside it. About 1e16 widths out, the squared
     * distances to the centres differ by less than their rounding and the nearest segment is a toss-up (1e150 was
     * scored as "Moderate Income" with a margin of 0); a trillion widths is no customer, but still well short of that.
     */
    private static final double MAX_REACH = 1e12;

    /** The same value given twice: numbers by value (50000 and 50000.0), anything else as it is. */
    private static boolean sameValue(Object one, Object other) {
        return one instanceof Number a && other instanceof Number b ? a.doubleValue() == b.doubleValue()
                : java.util.Objects.equals(one, other);
    }

    /** Whether a value lies farther outside the run's range (in clustering space) than any plausible customer. */
    private static boolean beyondReach(FeatureTransform transform, double scaled) {
        double first = transform.apply(transform.min());
        double second = transform.apply(transform.max());
        if (!Double.isFinite(first) || !Double.isFinite(second)) {
            return false;
        }
        double low = Math.min(first, second);
        double high = Math.max(first, second);
        double outside = Math.max(low - scaled, scaled - high);
        return outside > MAX_REACH * Math.max(high - low, 1);
    }

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
     *
     * @param mayUseTrialRuns whether the caller may score with a run that is not published (an ANALYST key; a READER
     *        key scores with published runs only)
     */
    public List<Prediction> predict(long runId, InputStream body, boolean mayUseTrialRuns) {
        if (!mayUseTrialRuns) {
            // Before the run's state: a READER hears nothing of a trial run, not even whether it is still running.
            runs.requirePublished(runId);
        }
        RunSegments run = runs.succeeded(runId, "only a SUCCEEDED run can score customers");
        RunModel model = run.model();
        Set<String> wanted = new HashSet<>(Set.of("externalId"));
        model.transforms().forEach(transform -> {
            wanted.add(transform.feature());
            wanted.add(transform.key());
        });
        model.inputs().forEach(input -> {
            wanted.add(input.name());
            wanted.add(input.key());
        });
        model.categories().forEach(category -> {
            wanted.add(category.feature());
            wanted.add(category.key());
        });
        DerivedFeatures derived = DerivedFeatures.of(model);
        List<Map<String, Object>> customers = PredictBody.read(json, body, wanted, settings.maxPredictCustomers());
        List<Map<String, String>> errors = new ArrayList<>();
        int d = model.transforms().size();
        int width = model.dimensions();
        int n = customers.size();
        double[] points = new double[n * width];
        double[] raw = new double[n * d];
        boolean[] outOfRange = new boolean[n];
        List<Map<String, String>> unseen = new ArrayList<>(n);
        for (int index = 0; index < n; index++) {
            Map<String, Object> customer = customers.get(index);
            if (customer == null) {
                errors.add(error(index, "customer " + index + " is not an object; send an object of feature values"));
                unseen.add(Map.of());
                continue;
            }
            unseen.add(encodeCategories(model, customer, points, index * width, index, errors));
            for (int j = 0; j < d; j++) {
                FeatureTransform transform = model.transforms().get(j);
                Object value = customer.containsKey(transform.feature()) ? customer.get(transform.feature())
                        : customer.get(transform.key());
                if (!transform.key().equals(transform.feature()) && customer.containsKey(transform.feature())
                        && customer.containsKey(transform.key())
                        && !sameValue(value, customer.get(transform.key()))) {
                    errors.add(error(index, "customer " + index + ": \"" + transform.feature() + "\" is given twice, "
                            + "by its name and by its key \"" + transform.key() + "\", with different values; give one"));
                    continue;
                }
                Expression formula = derived.expression(transform.key());
                if (value == null && formula != null) {
                    double computed = derived.value(transform.key(), customer, model.inputs());
                    if (Double.isNaN(computed)) {
                        errors.add(error(index, "customer " + index + ": derived feature \"" + transform.feature()
                                + "\" (" + formula.source() + ") cannot be computed; send " + String.join(", ",
                                        formula.inputs().stream().map(key -> inputName(model, key)).toList())
                                + " (numbers, dates as \"2014-12-31\") with values it is defined for"));
                        continue;
                    }
                    value = computed;
                }
                if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                    errors.add(error(index, "customer " + index + ": \"" + transform.feature() + "\" must be a number"
                            + (value == null ? " and is missing" : "")));
                    continue;
                }
                double scaled = transform.apply(number.doubleValue());
                if (!Double.isFinite(scaled) || Math.abs(scaled) > MAX_SCORABLE || beyondReach(transform, scaled)) {
                    errors.add(error(index, "customer " + index + ": \"" + transform.feature() + "\" = " + number
                            + " is too far outside the run's data to be scored"));
                    continue;
                }
                outOfRange[index] |= transform.outOfRange(number.doubleValue());
                points[index * width + j] = scaled;
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
        MixtureFit mixture = model.mixtureFit();
        // A mixture places a customer in its most probable segment, which need not have the nearest centre.
        MixtureAssignments probable = mixture == null ? null : mixture.assign(points, n, 1, () -> false);
        Assignments nearest = probable != null ? null : Assignments.nearest(points, n, width, model.centroids(), model.k());
        for (int index = 0; index < n; index++) {
            Object externalId = customers.get(index).get("externalId");
            int label = probable != null ? probable.labels()[index] : nearest.labels()[index];
            double distance = probable != null ? probable.distances()[index] : nearest.distances()[index];
            double second = probable != null ? probable.secondDistances()[index] : nearest.secondDistances()[index];
            RfmScore scores = null;
            Boolean rfmTie = null;
            String rfmCell = null;
            Double probability = null;
            RunnerUp runnerUp = null;
            if (probable != null) {
                probability = probable.probabilities()[index];
                int runnerUpOrdinal = probable.runnersUp()[index];
                if (runnerUpOrdinal >= 0) {
                    SegmentView runner = run.segments().get(runnerUpOrdinal);
                    runnerUp = new RunnerUp(runner.key(), runner.name(), probable.runnerUpProbabilities()[index]);
                }
            }
            if (model.rfm() != null) {
                scores = rfmScores(model.rfm(), raw, index * d);
                // Recency and spend are cut at their values, as here; frequency was ranked first come.
                rfmTie = model.rfm().tiedAtFrequencyEdge(raw[index * d + 1]);
                rfmCell = RfmSegment.of(scores.r(), scores.f()).key();
                int cell = model.rfm().segmentKeys().indexOf(rfmCell);
                // A grid cell no customer of the run fell in has no segment: the nearest one is answered.
                if (cell >= 0 && cell != label) {
                    second = distance;
                    label = cell;
                    distance = distance(points, index * width, model.centroids(), cell * width, width);
                }
            }
            SegmentView segment = run.segments().get(label);
            predictions.add(new Prediction(externalId == null ? null : externalId.toString(), segment.key(),
                    segment.name(), distance, Double.isFinite(second) ? second - distance : null, outOfRange[index],
                    unseen.get(index), probability, runnerUp, scores, rfmTie, rfmCell));
        }
        return predictions;
    }

    /**
     * Writes a customer's categorical features into its point; answers those whose category the run never saw
     * (they contribute no category, only the population's mix), feature to value.
     */
    private static Map<String, String> encodeCategories(RunModel model, Map<String, Object> customer, double[] points,
            int offset, int index, List<Map<String, String>> errors) {
        Map<String, String> unseen = new LinkedHashMap<>();
        for (CategoryEncoding category : model.categories()) {
            boolean given = customer.containsKey(category.feature()) || customer.containsKey(category.key());
            Object value = customer.containsKey(category.feature()) ? customer.get(category.feature())
                    : customer.get(category.key());
            if (!given || value == PredictBody.NESTED) {
                errors.add(error(index, "customer " + index + ": \"" + category.feature() + "\" must be text, e.g. one "
                        + "of " + String.join(", ", category.levels()) + " (null when unknown)"
                        + (given ? "" : ", and is missing")));
                continue;
            }
            String text = value == null ? null : value.toString().strip();
            int level = category.levelOf(text);
            if (level < 0) {
                unseen.put(category.feature(), text);
            }
            category.encode(level, points, offset + category.slot());
        }
        return unseen;
    }

    private static String inputName(RunModel model, String key) {
        return model.inputs().stream().filter(input -> input.key().equals(key)).findFirst().orElseThrow().name();
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
