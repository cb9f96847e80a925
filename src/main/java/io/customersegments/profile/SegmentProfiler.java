package io.customersegments.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        // One feature at a time: its values by segment, then the next (the memory of one column, not of all).
        for (int j = 0; j < d; j++) {
            double[][] segmentValues = new double[k][];
            for (int c = 0; c < k; c++) {
                segmentValues[c] = new double[sizes[c]];
            }
            int[] filled = new int[k];
            double[] column = new double[n];
            int size = 0;
            for (int i = 0; i < n; i++) {
                double value = data.original()[i * d + j];
                if (!Double.isNaN(value)) {
                    column[size++] = value;
                    segmentValues[labels[i]][filled[labels[i]]++] = value;
                }
            }
            double sum = 0;
            for (int i = 0; i < size; i++) {
                sum += column[i];
            }
            populationMean[j] = sum / size;
            double squares = 0;
            for (int i = 0; i < size; i++) {
                squares += (column[i] - populationMean[j]) * (column[i] - populationMean[j]);
            }
            populationStd[j] = Math.sqrt(squares / size);
            double[] tertiles = Quantiles.selected(column, size, 1.0 / 3, 2.0 / 3);
            lowerTertile[j] = tertiles[0];
            upperTertile[j] = tertiles[1];
            for (int c = 0; c < k; c++) {
                double[] values = filled[c] == sizes[c] ? segmentValues[c] : Arrays.copyOf(segmentValues[c], filled[c]);
                profiles[c][j] = describe(values, lowerTertile[j], upperTertile[j], populationMean[j]);
            }
        }
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
            Map<String, List<CategoryShare>> mix = mix(table, data, labels, c, sizes[c]);
            segments.add(new SegmentProfile(c, sizes[c], (double) sizes[c] / n, centre, centroid, profile, mix,
                    clusterSilhouettes == null ? null : clusterSilhouettes[c], distinctiveness, null, null, List.of(),
                    null, leads(table, data, mix)));
        }
        return segments;
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

    private static Map<String, List<CategoryShare>> mix(FeatureTable table, PreparedData data, int[] labels, int segment,
            int size) {
        Map<String, List<CategoryShare>> mix = new LinkedHashMap<>();
        for (FeatureTable.CodedColumn column : table.categorical()) {
            long[] counts = new long[column.levels().size() + 1];
            long[] population = new long[column.levels().size() + 1];
            for (int i = 0; i < labels.length; i++) {
                int code = column.codes()[data.rows()[i]] + 1;
                population[code]++;
                if (labels[i] == segment) {
                    counts[code]++;
                }
            }
            List<CategoryShare> shares = new ArrayList<>();
            for (int code = -1; code < column.levels().size(); code++) {
                long count = counts[code + 1];
                if (count > 0) {
                    shares.add(new CategoryShare(code < 0 ? null : column.levels().get(code), count, (double) count / size,
                            (double) population[code + 1] / labels.length));
                }
            }
            shares.sort(Comparator.comparingLong(CategoryShare::count).reversed());
            mix.put(column.column().name(), List.copyOf(shares.subList(0, Math.min(MIX_VALUES, shares.size()))));
        }
        return mix;
    }

}
