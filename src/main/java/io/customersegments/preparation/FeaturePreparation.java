package io.customersegments.preparation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import io.customersegments.dataset.FeatureTable;
import io.customersegments.dataset.IqrFences;
import io.customersegments.dataset.Quantiles;

/**
 * Applies a run's missing-value, outlier, log and scaling policies to the loaded features, as
 * scikit-learn's StandardScaler / MinMaxScaler would (population standard deviation).
 */
public final class FeaturePreparation {

    /** Features whose quartiles are selected at once, each on a copy of its column. */
    private static final int QUARTILE_TASKS = 2;

    private FeaturePreparation() {
    }

    public static PreparedData prepare(FeatureTable table, Preparation params) {
        int n = table.n();
        int d = table.d();
        double[] values = table.values();
        double[][] quartiles = new double[d][];
        // Selection is most of this method's time (at 10M rows, 1 s of its 2), so two tasks share the features, each
        // holding a copy of one column at a time (two at once, not one per core: 80 MB each at 10M rows).
        int tasks = Math.min(QUARTILE_TASKS, d);
        IntStream.range(0, tasks).parallel().forEach(task -> {
            for (int j = task; j < d; j += tasks) {
                quartiles[j] = quartiles(values, n, d, j);
            }
        });
        for (int j = 0; j < d; j++) {
            // Whatever the missing-value policy: no median to fill in, and no row that keeps it.
            if (n > 0 && Double.isNaN(quartiles[j][1])) {
                throw new IllegalArgumentException("Feature \"" + params.features().get(j) + "\" has no value on any "
                        + "row" + (table.features().get(j).index() == null ? " (does its formula divide by zero, or "
                                + "take the log of a value that is not positive?)" : "") + ": leave it out of the run.");
            }
        }
        // Each pass over the rows is a small method of its own: the JIT compiles it alone, early and for its own
        // branches (one method holding every pass was compiled three times over in a fresh JVM's first runs).
        Kept keep = keep(values, n, d, quartiles, params.missing() == MissingPolicy.DROP,
                params.outliers() == OutlierPolicy.DROP);
        int kept = keep.rows().length;
        int[] rows = keep.rows();
        List<CategoryEncoding> categories = new ArrayList<>();
        int dimensions = d;
        for (int c = 0; c < params.categorical().size(); c++) {
            CategoryEncoding encoding = encode(table, params, c, rows, dimensions);
            categories.add(encoding);
            dimensions += encoding.width();
        }
        int width = dimensions;
        // Every row kept (the usual case): the table's values are the original ones, not copied.
        double[] original = kept == n ? values : new double[kept * d];
        if (kept < n) {
            for (int r = 0; r < kept; r++) {
                System.arraycopy(values, rows[r] * d, original, r * d, d);
            }
        }
        // Three passes over the rows, every feature in each, rather than three per feature (each of which read every
        // value: 5% of the time at 10M rows). Each feature's sums still run in row order, so the results are the same.
        boolean clip = params.outliers() == OutlierPolicy.CLIP;
        FeatureTransform[] unscaled = new FeatureTransform[d];
        for (int j = 0; j < d; j++) {
            String feature = params.features().get(j);
            unscaled[j] = new FeatureTransform(feature, params.featureKeys().get(j),
                    FeatureLabels.label(table.features().get(j).name()), j, params.logTransform().contains(feature), 0,
                    1, quartiles[j][1], clip ? quartiles[j][3] : null, clip ? quartiles[j][4] : null, quartiles[j][5],
                    quartiles[j][6]);
        }
        double[] scaled = new double[kept * width];
        double[] sum = new double[d];
        double[] min = new double[d];
        double[] max = new double[d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        transform(original, kept, d, unscaled, quartiles, scaled, width, sum, min, max);
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = kept == 0 ? 0 : sum[j] / kept;
        }
        double[] squares = squaredDeviations(scaled, kept, d, width, mean);
        List<FeatureTransform> transforms = new ArrayList<>(d);
        double[] center = new double[d];
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            String feature = params.features().get(j);
            double std = kept == 0 ? 0 : Math.sqrt(squares[j] / kept);
            center[j] = switch (params.scaling()) {
                case STANDARD -> mean[j];
                case MINMAX -> min[j];
                case NONE -> 0;
            };
            double spread = switch (params.scaling()) {
                case STANDARD -> std;
                case MINMAX -> max[j] - min[j];
                case NONE -> 1;
            };
            double range = max[j] - min[j];
            // Unscaled, a squared distance sums the squared ranges of every feature: it must stay a number too.
            boolean unscaledOverflow = params.scaling() == Scaling.NONE && kept > 0
                    && !Double.isFinite(range * range * d * params.weight(feature));
            if (!Double.isFinite(center[j]) || !Double.isFinite(spread) || unscaledOverflow) {
                // Values near the largest a double holds: their sum or spread is beyond it, and every scaled value would
                // be NaN (a run that "succeeds" with NaN centroids).
                throw new IllegalArgumentException("Feature \"" + feature + "\" holds values too large to scale (from "
                        + min[j] + " to " + max[j] + "): clip its outliers (outliers: CLIP) or log-transform it "
                        + "(logTransform).");
            }
            // A constant feature carries no information; scaling it by 1 keeps it from dividing by zero.
            scale[j] = (spread > 0 && params.scaling() != Scaling.NONE ? spread : 1) / Math.sqrt(params.weight(feature));
            FeatureTransform u = unscaled[j];
            transforms.add(new FeatureTransform(feature, u.key(), u.label(), j, u.log(), center[j], scale[j], u.median(),
                    u.clipLow(), u.clipHigh(), u.min(), u.max()));
        }
        rescale(scaled, kept, d, width, center, scale);
        encodeCategories(table, categories, rows, scaled, width);
        return new PreparedData(scaled, original, kept, d, rows, keep.droppedMissing(), keep.droppedOutliers(),
                List.copyOf(transforms), List.copyOf(categories), width);
    }

    /** The rows a run keeps, in row order, and how many each policy dropped. */
    private record Kept(int[] rows, long droppedMissing, long droppedOutliers) {
    }

    /**
     * The rows kept: a row with a missing value is dropped under {@code dropMissing}, else one outside a feature's
     * fences ({@code quartiles[j][3..4]}) under {@code dropOutliers}.
     */
    private static Kept keep(double[] values, int n, int d, double[][] quartiles, boolean dropMissing,
            boolean dropOutliers) {
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
            if (missing && dropMissing) {
                droppedMissing++;
            }
            else if (outlier && dropOutliers) {
                droppedOutliers++;
            }
            else {
                keep[i] = true;
                kept++;
            }
        }
        int[] rows = new int[kept];
        for (int i = 0, r = 0; i < n; i++) {
            if (keep[i]) {
                rows[r++] = i;
            }
        }
        return new Kept(rows, droppedMissing, droppedOutliers);
    }

    /**
     * Writes each kept value, its missing value filled with the median and transformed (clip, log), into the row's
     * first d columns of {@code scaled}, adding up each feature's sum, minimum and maximum in row order.
     */
    private static void transform(double[] original, int kept, int d, FeatureTransform[] unscaled,
            double[][] quartiles, double[] scaled, int width, double[] sum, double[] min, double[] max) {
        for (int r = 0; r < kept; r++) {
            for (int j = 0; j < d; j++) {
                double value = original[r * d + j];
                double x = unscaled[j].apply(Double.isNaN(value) ? quartiles[j][1] : value);
                scaled[r * width + j] = x;
                sum[j] += x;
                min[j] = Math.min(min[j], x);
                max[j] = Math.max(max[j], x);
            }
        }
    }

    /** Per feature, the sum of squared deviations from its mean, added in row order. */
    private static double[] squaredDeviations(double[] scaled, int kept, int d, int width, double[] mean) {
        double[] squares = new double[d];
        for (int r = 0; r < kept; r++) {
            for (int j = 0; j < d; j++) {
                double delta = scaled[r * width + j] - mean[j];
                squares[j] += delta * delta;
            }
        }
        return squares;
    }

    /** Centres and scales the first d columns of every kept row in place. */
    private static void rescale(double[] scaled, int kept, int d, int width, double[] center, double[] scale) {
        for (int r = 0; r < kept; r++) {
            for (int j = 0; j < d; j++) {
                scaled[r * width + j] = (scaled[r * width + j] - center[j]) / scale[j];
            }
        }
    }

    /**
     * Applies a finished run's stored transforms to other customers (a new version of its table), as its model
     * scores them: a missing value is replaced by the run's median, or drops its row under the DROP policy; values
     * are clipped, logged, centred and scaled with the run's parameters, never refitted; categories take the run's
     * columns (one the run never saw sits at the centre). Nothing is dropped as an outlier: the run's fences are of
     * its own data, and scoring places every customer it can.
     */
    public static PreparedData apply(FeatureTable table, List<FeatureTransform> transforms,
            List<CategoryEncoding> categories, MissingPolicy missing) {
        int n = table.n();
        int d = table.d();
        double[] values = table.values();
        int width = d + categories.stream().mapToInt(CategoryEncoding::width).sum();
        int[] keep = new int[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            boolean complete = true;
            for (int j = 0; j < d && complete; j++) {
                complete = !Double.isNaN(values[i * d + j]);
            }
            if (complete || missing != MissingPolicy.DROP) {
                keep[kept++] = i;
            }
        }
        int[] rows = Arrays.copyOf(keep, kept);
        double[] original = new double[kept * d];
        double[] scaled = new double[kept * width];
        for (int r = 0; r < kept; r++) {
            for (int j = 0; j < d; j++) {
                FeatureTransform transform = transforms.get(j);
                double value = values[rows[r] * d + j];
                original[r * d + j] = value;
                scaled[r * width + j] = transform.apply(Double.isNaN(value) ? transform.median() : value);
            }
        }
        encodeCategories(table, categories, rows, scaled, width);
        return new PreparedData(scaled, original, kept, d, rows, n - kept, 0, transforms, categories, width);
    }

    /** Writes each kept row's categories into its columns of the clustering space (rows of {@code width} values). */
    private static void encodeCategories(FeatureTable table, List<CategoryEncoding> categories, int[] rows,
            double[] scaled, int width) {
        for (CategoryEncoding encoding : categories) {
            FeatureTable.CodedColumn column = table.categorical(encoding.key());
            int[] levelOfCode = encoding.levelsOfCodes(column.levels());
            for (int r = 0; r < rows.length; r++) {
                encoding.encode(levelOfCode[column.codes()[rows[r]] + 1], scaled, r * width + encoding.slot());
            }
        }
    }

    /**
     * A categorical feature's categories among the kept rows, most frequent first: the rare ones (and a rare
     * missing) fold into "Other", and the columns are scaled so their variances sum to one over the weight.
     */
    private static CategoryEncoding encode(FeatureTable table, Preparation params, int c, int[] rows, int slot) {
        String feature = params.categorical().get(c);
        FeatureTable.CodedColumn column = table.categorical(params.categoricalKeys().get(c));
        int kept = rows.length;
        long[] counts = new long[column.levels().size() + 1];
        for (int row : rows) {
            counts[column.codes()[row] + 1]++;
        }
        List<Integer> byCount = new ArrayList<>();
        for (int code = -1; code < column.levels().size(); code++) {
            if (counts[code + 1] > 0) {
                byCount.add(code);
            }
        }
        byCount.sort(Comparator.comparingLong((Integer code) -> -counts[code + 1]).thenComparing(code -> code));
        List<String> levels = new ArrayList<>();
        List<Long> levelCounts = new ArrayList<>();
        List<String> folded = new ArrayList<>();
        long foldedCount = 0;
        for (int code : byCount) {
            String name = code < 0 ? CategoryEncoding.MISSING : column.levels().get(code);
            if (counts[code + 1] >= params.rareCategoryShare() * kept) {
                levels.add(name);
                levelCounts.add(counts[code + 1]);
            }
            else {
                folded.add(name);
                foldedCount += counts[code + 1];
            }
        }
        if (!folded.isEmpty()) {
            int other = levels.indexOf(CategoryEncoding.OTHER);
            if (other < 0) {
                levels.add(CategoryEncoding.OTHER);
                levelCounts.add(foldedCount);
            }
            else {
                levelCounts.set(other, levelCounts.get(other) + foldedCount);
            }
        }
        double[] shares = new double[levels.size()];
        double variance = 0;
        for (int l = 0; l < shares.length; l++) {
            shares[l] = kept == 0 ? 0 : (double) levelCounts.get(l) / kept;
            variance += shares[l] * (1 - shares[l]);
        }
        // One category for everyone carries no information; scaling by 1 keeps it from dividing by zero.
        double scale = (variance > 0 ? Math.sqrt(variance) : 1) / Math.sqrt(params.weight(feature));
        return new CategoryEncoding(feature, column.column().key(), FeatureLabels.label(column.column().name()), slot,
                List.copyOf(levels), shares, List.copyOf(folded), scale);
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
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            min = Math.min(min, column[i]);
            max = Math.max(max, column[i]);
        }
        double[] quartiles = Quantiles.selected(column, size, 0.25, 0.5, 0.75);
        IqrFences fences = IqrFences.of(quartiles[0], quartiles[2]);
        return new double[] { quartiles[0], quartiles[1], quartiles[2], fences.low(), fences.high(), min, max };
    }

}
