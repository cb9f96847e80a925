package io.customersegments.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.customersegments.dataset.FeatureTable;
import io.customersegments.dataset.Quantiles;
import io.customersegments.preparation.CategoryEncoding;
import io.customersegments.preparation.FeatureTransform;
import io.customersegments.preparation.PreparedData;

/**
 * Describes each segment in the file's units: per feature its mean, median, range and spread, and
 * its level (LOW/MODERATE/HIGH) from where its mean falls among the population's tertiles; per
 * categorical column the shares of its most frequent values.
 */
final class SegmentProfiler {

    private static final int MIX_VALUES = 5;

    /** Counts one pass over the rows keeps for the category mixes (4 MB): segments × categories of a column. */
    private static final int MIX_COUNTS = 1 << 20;

    /**
     * Features profiled at once, whatever the cores: each task holds a column of work and, while it is described, one
     * segment's values of the feature (one task held a column and every segment's values: about as much in all).
     */
    private static final int FEATURE_TASKS = 2;

    /** How many times more common than overall a segment's most common category must be for its name to say it. */
    static final double LEAD_LIFT = 1.5;

    private SegmentProfiler() {
    }

    static List<SegmentProfile> profile(FeatureTable table, PreparedData data, int[] labels, int k,
            double[] centroidsScaled, double[] clusterSilhouettes) {
        int n = data.n();
        int d = data.d();
        int[] sizes = new int[k];
        for (int label : labels) {
            sizes[label]++;
        }
        double[] lowerTertile = new double[d];
        double[] upperTertile = new double[d];
        double[] populationMean = new double[d];
        double[] populationStd = new double[d];
        FeatureProfile[][] profiles = new FeatureProfile[k][d];
        // Features are independent: a few tasks take every tasks-th feature each, one column of work at a time.
        int tasks = Math.min(FEATURE_TASKS, d);
        IntStream.range(0, tasks).parallel().forEach(task -> {
            double[] work = new double[n];
            for (int j = task; j < d; j += tasks) {
                Population population = population(data, j, work);
                populationMean[j] = population.mean();
                populationStd[j] = population.std();
                lowerTertile[j] = population.lowerTertile();
                upperTertile[j] = population.upperTertile();
                int[] start = bySegment(data, j, labels, k, work);
                for (int c = 0; c < k; c++) {
                    profiles[c][j] = describe(Arrays.copyOfRange(work, start[c], start[c + 1]), lowerTertile[j],
                            upperTertile[j], populationMean[j]);
                }
            }
        });
        List<Map<String, List<CategoryShare>>> mixes = mixes(table, data, labels, k, sizes);
        List<SegmentProfile> segments = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            Map<String, Double> centroid = new LinkedHashMap<>();
            Map<String, FeatureProfile> profile = new LinkedHashMap<>();
            double[] distinctiveness = new double[d];
            int width = data.dimensions();
            double[] centre = Arrays.copyOfRange(centroidsScaled, c * width, (c + 1) * width);
            for (int j = 0; j < d; j++) {
                FeatureTransform transform = data.transforms().get(j);
                centroid.put(transform.feature(), transform.invert(centre[j]));
                FeatureProfile feature = profiles[c][j];
                profile.put(transform.feature(), feature);
                distinctiveness[j] = populationStd[j] > 0 ? (feature.mean() - populationMean[j]) / populationStd[j] : 0;
            }
            Map<String, List<CategoryShare>> mix = mixes.get(c);
            segments.add(new SegmentProfile(c, sizes[c], (double) sizes[c] / n, centre, centroid, profile, mix,
                    clusterSilhouettes == null ? null : clusterSilhouettes[c], distinctiveness, null, null, List.of(),
                    null, leads(table, data, mix)));
        }
        return segments;
    }

    /** A feature over every segmented customer with a known value: tertiles, mean and (population) deviation. */
    private record Population(double lowerTertile, double upperTertile, double mean, double std) {
    }

    /** Feature j over its known values, which are copied into {@code work} (and reordered there). */
    private static Population population(PreparedData data, int j, double[] work) {
        int n = data.n();
        int d = data.d();
        int size = 0;
        for (int i = 0; i < n; i++) {
            double value = data.original()[i * d + j];
            if (!Double.isNaN(value)) {
                work[size++] = value;
            }
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += work[i];
        }
        double mean = sum / size;
        double squares = 0;
        for (int i = 0; i < size; i++) {
            squares += (work[i] - mean) * (work[i] - mean);
        }
        double[] tertiles = Quantiles.selected(work, size, 1.0 / 3, 2.0 / 3);
        return new Population(tertiles[0], tertiles[1], mean, Math.sqrt(squares / size));
    }

    /**
     * Writes feature j's known values into {@code work} segment by segment, each in row order; returns where each
     * segment's values start (k + 1 offsets, the last the end).
     */
    private static int[] bySegment(PreparedData data, int j, int[] labels, int k, double[] work) {
        int n = data.n();
        int d = data.d();
        int[] start = new int[k + 1];
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(data.original()[i * d + j])) {
                start[labels[i] + 1]++;
            }
        }
        for (int c = 0; c < k; c++) {
            start[c + 1] += start[c];
        }
        int[] next = Arrays.copyOf(start, k);
        for (int i = 0; i < n; i++) {
            double value = data.original()[i * d + j];
            if (!Double.isNaN(value)) {
                work[next[labels[i]]++] = value;
            }
        }
        return start;
    }

    /** @param values the segment's values of the feature, in row order (reordered here) */
    private static FeatureProfile describe(double[] values, double lowerTertile, double upperTertile,
            double populationMean) {
        int size = values.length;
        if (size == 0) {
            return new FeatureProfile(Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, Level.MODERATE);
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        double mean = sum / size;
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return new FeatureProfile(mean, Quantiles.selected(values, size, 0.5)[0], min, max,
                size < 2 ? null : Math.sqrt(squares / (size - 1)), Level.of(mean, lowerTertile, upperTertile),
                populationMean > 0 && Double.isFinite(mean) ? 100 * mean / populationMean : null);
    }

    /**
     * Per categorical feature of the run, the segment's most common known category when it is at least
     * {@link #LEAD_LIFT} times as common as among all the segmented customers.
     */
    private static List<CategoryLead> leads(FeatureTable table, PreparedData data, Map<String, List<CategoryShare>> mix) {
        List<CategoryLead> leads = new ArrayList<>();
        for (CategoryEncoding category : data.categories()) {
            String name = table.categorical(category.key()).column().name();
            mix.getOrDefault(name, List.of())
                .stream()
                .filter(share -> share.value() != null)
                .findFirst()
                .filter(top -> top.populationShare() < 1 && top.share() >= LEAD_LIFT * top.populationShare())
                .ifPresent(top -> leads.add(new CategoryLead(category.feature(), top.value(), top.share(),
                        top.populationShare())));
        }
        return leads;
    }

    /**
     * Per segment, per categorical column of the table, the shares of its most common values: a pass over the rows
     * counts every segment's values at once, or as many segments' as {@link #MIX_COUNTS} counts hold (a column with a
     * great many categories).
     */
    private static List<Map<String, List<CategoryShare>>> mixes(FeatureTable table, PreparedData data, int[] labels,
            int k, int[] sizes) {
        List<Map<String, List<CategoryShare>>> mixes = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            mixes.add(new LinkedHashMap<>());
        }
        for (FeatureTable.CodedColumn column : table.categorical()) {
            int width = column.levels().size() + 1;
            int[] population = new int[width];
            for (int i = 0; i < labels.length; i++) {
                population[column.codes()[data.rows()[i]] + 1]++;
            }
            int together = (int) Math.max(1, Math.min(k, MIX_COUNTS / width));
            for (int first = 0; first < k; first += together) {
                int last = Math.min(k, first + together);
                int[] counts = new int[(last - first) * width];
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] >= first && labels[i] < last) {
                        counts[(labels[i] - first) * width + column.codes()[data.rows()[i]] + 1]++;
                    }
                }
                for (int c = first; c < last; c++) {
                    mixes.get(c).put(column.column().name(),
                            topShares(column, counts, (c - first) * width, sizes[c], population, labels.length));
                }
            }
        }
        return mixes;
    }

    /** The {@link #MIX_VALUES} most common values of a segment whose counts by code + 1 start at {@code offset}. */
    private static List<CategoryShare> topShares(FeatureTable.CodedColumn column, int[] counts, int offset, int size,
            int[] population, int n) {
        List<CategoryShare> shares = new ArrayList<>();
        for (int code = -1; code < column.levels().size(); code++) {
            long count = counts[offset + code + 1];
            if (count > 0) {
                shares.add(new CategoryShare(code < 0 ? null : column.levels().get(code), count, (double) count / size,
                        (double) population[code + 1] / n));
            }
        }
        shares.sort(Comparator.comparingLong(CategoryShare::count).reversed());
        return List.copyOf(shares.subList(0, Math.min(MIX_VALUES, shares.size())));
    }

}
