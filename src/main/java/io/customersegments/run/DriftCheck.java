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
     * What a set of customers looks like to the model: per numeric feature its values in the file's units (NaN where
     * missing), per categorical feature how many customers fall in each of the model's categories.
     */
    record Population(long rows, double[][] numeric, List<Map<String, Long>> categorical) {

        static Population of(FeatureTable table, PreparedData data, List<CategoryEncoding> categories) {
            int n = data.n();
            int d = data.d();
            double[][] numeric = new double[d][n];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < d; j++) {
                    numeric[j][r] = data.original()[r * d + j];
                }
            }
            List<Map<String, Long>> counts = new ArrayList<>();
            for (CategoryEncoding encoding : categories) {
                FeatureTable.CodedColumn column = table.categorical(encoding.key());
                int[] levelOfCode = encoding.levelsOfCodes(column.levels());
                Map<String, Long> byCategory = new LinkedHashMap<>();
                for (int r = 0; r < n; r++) {
                    int level = levelOfCode[column.codes()[data.rows()[r]] + 1];
                    byCategory.merge(level < 0 ? UNSEEN : encoding.levels().get(level), 1L, Long::sum);
                }
                counts.add(byCategory);
            }
            return new Population(n, numeric, counts);
        }

    }

    /**
     * @param modelSegments the model run's segments in ordinal order, with their shares of its training customers
     * @param labels each scored customer's segment
     * @param distances each scored customer's distance to its segment's centre
     */
    static DriftReport compare(long modelRunId, long modelDatasetId, Population training, Population scored,
            RunModel model, List<SegmentView> modelSegments, int[] labels, double[] distances,
            double trainingMeanDistance, double psiThreshold, double sharePointsThreshold) {
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
        long[] sizes = new long[modelSegments.size()];
        double distanceSum = 0;
        for (int i = 0; i < labels.length; i++) {
            sizes[labels[i]]++;
            distanceSum += distances[i];
        }
        List<DriftReport.SegmentShift> segments = new ArrayList<>();
        for (SegmentView segment : modelSegments) {
            double share = labels.length == 0 ? 0 : (double) sizes[segment.ordinal()] / labels.length;
            double points = 100 * (share - segment.share());
            boolean drifted = Math.abs(points) >= sharePointsThreshold;
            if (drifted) {
                reasons.add(String.format(Locale.ROOT, "Segment \"%s\" went from %.1f%% to %.1f%% of the customers "
                        + "(%+.1f points; threshold %s)", segment.name(), 100 * segment.share(), 100 * share, points,
                        number(sharePointsThreshold)));
            }
            segments.add(new DriftReport.SegmentShift(segment.key(), segment.name(), segment.share(), share, points,
                    drifted));
        }
        double meanDistance = labels.length == 0 ? 0 : distanceSum / labels.length;
        return new DriftReport(modelRunId, modelDatasetId, training.rows(), scored.rows(), features, segments,
                trainingMeanDistance, meanDistance, trainingMeanDistance > 0 ? meanDistance / trainingMeanDistance - 1 : 0,
                outOfRange, psiThreshold, sharePointsThreshold, !reasons.isEmpty(), reasons);
    }

    private static DriftReport.FeatureDrift feature(String feature, double psi, double threshold, List<String> reasons) {
        boolean drifted = psi >= threshold;
        if (drifted) {
            reasons.add(String.format(Locale.ROOT, "\"%s\" shifted: population stability index %.3f (threshold %s)",
                    feature, psi, number(threshold)));
        }
        return new DriftReport.FeatureDrift(feature, psi, drifted);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

}
