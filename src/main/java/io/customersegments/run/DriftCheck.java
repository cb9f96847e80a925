package io.customersegments.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.customersegments.dataset.FeatureTable;
import io.customersegments.preparation.CategoryEncoding;
import io.customersegments.preparation.FeatureTransform;
import io.customersegments.preparation.PopulationStability;
import io.customersegments.preparation.PreparedData;

/** Compares the customers a scoring run assigned with those its model was trained on. */
final class DriftCheck {

    /** The category of a value the model never saw. */
    private static final String UNSEEN = "(unseen)";

    private DriftCheck() {
    }

    /**
     * The model applied to a set of customers: per numeric feature their values in the file's units (NaN where
     * missing), per categorical feature how many fall in each of the model's categories, and how many the model puts
     * in each segment, at what mean distance from its centre.
     */
    record Population(long rows, double[][] numeric, List<Map<String, Long>> categorical, long[] segmentSizes,
            double meanDistance) {

        /**
         * @param labels each prepared row's segment under the model
         * @param distances each prepared row's distance to its segment's centre
         */
        static Population of(FeatureTable table, PreparedData data, RunModel model, int[] labels, double[] distances) {
            int n = data.n();
            int d = data.d();
            double[][] numeric = new double[d][n];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < d; j++) {
                    numeric[j][r] = data.original()[r * d + j];
                }
            }
            List<Map<String, Long>> counts = new ArrayList<>();
            for (CategoryEncoding encoding : model.categories()) {
                FeatureTable.CodedColumn column = table.categorical(encoding.key());
                int[] levelOfCode = encoding.levelsOfCodes(column.levels());
                Map<String, Long> byCategory = new LinkedHashMap<>();
                for (int r = 0; r < n; r++) {
                    int level = levelOfCode[column.codes()[data.rows()[r]] + 1];
                    byCategory.merge(level < 0 ? UNSEEN : encoding.levels().get(level), 1L, Long::sum);
                }
                counts.add(byCategory);
            }
            long[] sizes = new long[model.k()];
            double distanceSum = 0;
            for (int r = 0; r < n; r++) {
                sizes[labels[r]]++;
                distanceSum += distances[r];
            }
            return new Population(n, numeric, counts, sizes, n == 0 ? 0 : distanceSum / n);
        }

        double share(int segment) {
            return rows == 0 ? 0 : (double) segmentSizes[segment] / rows;
        }

    }

    /**
     * Compares the model applied to the customers it was trained on with the model applied to the scored ones: the
     * same preparation and assignment on both sides, so the same customers show no drift at all.
     *
     * @param modelSegments the model run's segments in ordinal order (for their keys and names)
     */
    static DriftReport compare(long modelRunId, long modelDatasetId, Population training, Population scored,
            RunModel model, List<SegmentView> modelSegments, double psiThreshold, double sharePointsThreshold) {
        List<String> reasons = new ArrayList<>();
        List<DriftReport.FeatureDrift> features = new ArrayList<>();
        long outOfRange = 0;
        for (int r = 0; r < scored.rows(); r++) {
            boolean outside = false;
            for (int j = 0; j < model.transforms().size() && !outside; j++) {
                double value = scored.numeric()[j][r];
                outside = !Double.isNaN(value) && model.transforms().get(j).outOfRange(value);
            }
            outOfRange += outside ? 1 : 0;
        }
        for (int j = 0; j < model.transforms().size(); j++) {
            FeatureTransform transform = model.transforms().get(j);
            features.add(feature(transform.feature(), PopulationStability.numeric(training.numeric()[j],
                    scored.numeric()[j]), psiThreshold, reasons));
        }
        for (int c = 0; c < model.categories().size(); c++) {
            features.add(feature(model.categories().get(c).feature(), PopulationStability.categorical(
                    training.categorical().get(c), scored.categorical().get(c)), psiThreshold, reasons));
        }
        List<DriftReport.SegmentShift> segments = new ArrayList<>();
        for (SegmentView segment : modelSegments) {
            double before = training.share(segment.ordinal());
            double share = scored.share(segment.ordinal());
            double points = 100 * (share - before);
            boolean drifted = Math.abs(points) >= sharePointsThreshold;
            if (drifted) {
                reasons.add(String.format(Locale.ROOT, "Segment \"%s\" went from %.1f%% to %.1f%% of the customers "
                        + "(%+.1f points; threshold %s)", segment.name(), 100 * before, 100 * share, points,
                        number(sharePointsThreshold)));
            }
            segments.add(new DriftReport.SegmentShift(segment.key(), segment.name(), before, share, points, drifted));
        }
        double trainingDistance = training.meanDistance();
        return new DriftReport(modelRunId, modelDatasetId, training.rows(), scored.rows(), features, segments,
                trainingDistance, scored.meanDistance(), trainingDistance > 0 ? scored.meanDistance() / trainingDistance - 1
                        : 0, outOfRange, psiThreshold, sharePointsThreshold, !reasons.isEmpty(), reasons);
    }

    private static DriftReport.FeatureDrift feature(String feature, double psi, double threshold, List<String> reasons) {
        boolean drifted = psi >= threshold;
        if (drifted) {
            reasons.add(String.format(Locale.ROOT, "\"%s\" shifted: population stability index %.3f (threshold %s)",
                    feature, psi, number(threshold)));
        }
        return new DriftReport.FeatureDrift(feature, psi, drifted);
    }

    /** A value as a client wrote it: 12 rather than 12.0. */
    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

}
