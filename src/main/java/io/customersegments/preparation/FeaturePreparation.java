package io.customersegments.preparation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.customersegments.dataset.FeatureTable;
import io.customersegments.dataset.IqrFences;
import io.customersegments.dataset.Quantiles;

/**
 * Applies a run's missing-value, outlier, log and scaling policies to the loaded features, as
 * scikit-learn's StandardScaler / MinMaxScaler would (population standard deviation).
 */
public final class FeaturePreparation {

    private FeaturePreparation() {
    }

    public static PreparedData prepare(FeatureTable table, Preparation params) {
        int n = table.n();
        int d = table.d();
        double[] values = table.values();
        double[][] quartiles = new double[d][];
        for (int j = 0; j < d; j++) {
            quartiles[j] = quartiles(values, n, d, j);
        }
        boolean[] keep = new boolean[n];
        long droppedMissing = 0;
        long droppedOutliers = 0;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            boolean missing = false;
            boolean outlier = false;
            for (int j = 0; j < d; j++) {
                double value = values[i * d + j];
                if (Double.isNaN(value)) {
                    missing = true;
                }
                else if (value < quartiles[j][3] || value > quartiles[j][4]) {
                    outlier = true;
                }
            }
            if (missing && params.missing() == MissingPolicy.DROP) {
                droppedMissing++;
            }
            else if (outlier && params.outliers() == OutlierPolicy.DROP) {
                droppedOutliers++;
            }
            else {
                keep[i] = true;
                kept++;
            }
        }
        int[] rows = new int[kept];
        double[] original = new double[kept * d];
        double[] filled = new double[kept * d];
        for (int i = 0, r = 0; i < n; i++) {
            if (!keep[i]) {
                continue;
            }
            rows[r] = i;
            for (int j = 0; j < d; j++) {
                double value = values[i * d + j];
                original[r * d + j] = value;
                filled[r * d + j] = Double.isNaN(value) ? quartiles[j][1] : value;
            }
            r++;
        }
        List<FeatureTransform> transforms = new ArrayList<>(d);
        double[] scaled = new double[kept * d];
        for (int j = 0; j < d; j++) {
            String feature = params.features().get(j);
            boolean clip = params.outliers() == OutlierPolicy.CLIP;
            Double clipLow = clip ? quartiles[j][3] : null;
            Double clipHigh = clip ? quartiles[j][4] : null;
            boolean log = params.logTransform().contains(feature);
            FeatureTransform unscaled = new FeatureTransform(feature, params.featureKeys().get(j),
                    FeatureLabels.label(table.features().get(j).name()), j, log, 0, 1, quartiles[j][1], clipLow, clipHigh,
                    quartiles[j][5], quartiles[j][6]);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int r = 0; r < kept; r++) {
                double x = unscaled.apply(filled[r * d + j]);
                scaled[r * d + j] = x;
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            double mean = kept == 0 ? 0 : sum / kept;
            double squares = 0;
            for (int r = 0; r < kept; r++) {
                double delta = scaled[r * d + j] - mean;
                squares += delta * delta;
            }
            double std = kept == 0 ? 0 : Math.sqrt(squares / kept);
            double center = switch (params.scaling()) {
                case STANDARD -> mean;
                case MINMAX -> min;
                case NONE -> 0;
            };
            double scale = switch (params.scaling()) {
                case STANDARD -> std;
                case MINMAX -> max - min;
                case NONE -> 1;
            };
            // A constant feature carries no information; scaling it by 1 keeps it from dividing by zero.
            scale = scale > 0 && params.scaling() != Scaling.NONE ? scale : 1;
            FeatureTransform transform = new FeatureTransform(feature, unscaled.key(), unscaled.label(), j, log, center,
                    scale, unscaled.median(), clipLow, clipHigh, unscaled.min(), unscaled.max());
            for (int r = 0; r < kept; r++) {
                scaled[r * d + j] = (scaled[r * d + j] - center) / scale;
            }
            transforms.add(transform);
        }
        return new PreparedData(scaled, original, kept, d, rows, droppedMissing, droppedOutliers, List.copyOf(transforms));
    }

    /** p25, median, p75, lower fence, upper fence, min, max of a feature's non-missing values. */
    private static double[] quartiles(double[] values, int n, int d, int j) {
        double[] column = new double[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            double value = values[i * d + j];
            if (!Double.isNaN(value)) {
                column[size++] = value;
            }
        }
        if (size == 0) {
            return new double[] { Double.NaN, Double.NaN, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                    Double.NaN, Double.NaN };
        }
        Arrays.sort(column, 0, size);
        double p25 = Quantiles.sorted(column, size, 0.25);
        double p75 = Quantiles.sorted(column, size, 0.75);
        IqrFences fences = IqrFences.of(p25, p75);
        return new double[] { p25, Quantiles.sorted(column, size, 0.5), p75, fences.low(), fences.high(), column[0],
                column[size - 1] };
    }

}
