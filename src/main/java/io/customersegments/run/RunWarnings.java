package io.customersegments.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.customersegments.preparation.CategoryEncoding;
import io.customersegments.preparation.FeatureTransform;
import io.customersegments.preparation.PreparedData;
import io.customersegments.profile.SegmentProfile;

/**
 * What a marketer should know before trusting a run's segments, in plain words: groups that are not
 * clearly separated, segments too small to act on or made of one unusual customer, and a feature that
 * alone decides the segments.
 */
final class RunWarnings {

    /** Below this mean silhouette the customers form no clearly separated groups (Kaufman and Rousseeuw's 0.25). */
    static final double WEAK_SEPARATION = 0.25;

    /** A segment with a smaller share of the customers is tiny. */
    static final double TINY_SHARE = 0.01;

    /** A feature with a larger share of the differences between segments dominates them. */
    static final double DOMINANT_SHARE = 0.75;

    /** A mixture component's variance on a standardised feature below this (a hundredth of its spread) is a spike. */
    static final double SPIKE_VARIANCE = 1e-4;

    private RunWarnings() {
    }

    /**
     * @param silhouette the chosen k's mean silhouette; null when none was computed (RFM)
     * @param centroids the segments' centres in clustering space, row-major
     * @param cells whether the segments are a recipe's cells (RFM), which no clustering option changes
     */
    static List<String> of(PreparedData data, int[] labels, List<SegmentProfile> profiles, double[] centroids,
            Double silhouette, RunModel.MixtureModel mixture, boolean cells) {
        List<String> warnings = new ArrayList<>();
        if (silhouette != null && silhouette < WEAK_SEPARATION) {
            warnings.add(String.format(Locale.ROOT, "The customers do not form clearly separated groups (separation "
                    + "%.2f on a scale to 1); treat these segments as ranges of a continuum rather than distinct types.",
                    silhouette));
        }
        long n = data.n();
        for (SegmentProfile segment : profiles) {
            if (segment.size() == 1) {
                warnings.add("Segment \"" + segment.name() + "\" is a single customer" + (cells
                        ? ": its cell of the recency × frequency grid holds no one else."
                        : ", an outlier rather than a group; consider outliers CLIP or DROP, or fewer segments."));
            }
            else if (segment.size() < TINY_SHARE * n) {
                warnings.add(String.format(Locale.ROOT, "Segment \"%s\" is tiny: %,d customers (%.1f%%); check that it "
                        + "is worth a campaign of its own before acting on it.", segment.name(), segment.size(),
                        100.0 * segment.size() / n));
            }
        }
        for (FeatureTransform transform : data.transforms()) {
            if (transform.min() == transform.max()) {
                warnings.add(String.format(Locale.ROOT, "\"%s\" has the same value (%s) for every customer the run "
                        + "used: it cannot tell segments apart, and no name mentions it. Leave it out, or check how it "
                        + "is computed.", transform.feature(), DriftCheck.number(transform.min())));
            }
        }
        dominantFeature(data, labels, profiles.size(), centroids).ifPresent(warnings::add);
        if (mixture != null) {
            spikes(data, profiles, mixture).forEach(warnings::add);
        }
        return List.copyOf(warnings);
    }

    /**
     * A mixture's segments whose customers share (almost) one value of a feature: a mixture gives such a spike of
     * identical values (a count like children, a median that filled missing values) a narrow segment of its own.
     */
    private static List<String> spikes(PreparedData data, List<SegmentProfile> profiles, RunModel.MixtureModel mixture) {
        List<String> warnings = new ArrayList<>();
        int width = data.dimensions();
        for (SegmentProfile segment : profiles) {
            for (FeatureTransform transform : data.transforms()) {
                int j = transform.slot();
                // In clustering space the population's variance is 1: a hundredth of its spread is a spike.
                double variance = mixture.covariances()[segment.ordinal() * width * width + j * width + j];
                if (variance < SPIKE_VARIANCE && segment.size() > 1) {
                    warnings.add("Segment \"" + segment.name() + "\": its customers have (almost) the same "
                            + transform.feature() + ". A mixture makes a spike of one value a segment of its own; if that "
                            + "is not a real group (a count, filled-in missing values), use k-means or leave the feature out.");
                    break;
                }
            }
        }
        return warnings;
    }

    /** The feature (numeric, or a categorical one's columns together) that makes most of the between-segment spread. */
    private static Optional<String> dominantFeature(PreparedData data, int[] labels, int k, double[] centroids) {
        List<String> names = new ArrayList<>();
        List<int[]> columns = new ArrayList<>();
        for (FeatureTransform transform : data.transforms()) {
            names.add(transform.feature());
            columns.add(new int[] { transform.slot(), transform.slot() + 1 });
        }
        for (CategoryEncoding category : data.categories()) {
            names.add(category.feature());
            columns.add(new int[] { category.slot(), category.slot() + category.width() });
        }
        if (names.size() < 2) {
            return Optional.empty();
        }
        int width = data.dimensions();
        long[] sizes = new long[k];
        for (int label : labels) {
            sizes[label]++;
        }
        double[] mean = new double[width];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < width; j++) {
                mean[j] += sizes[c] * centroids[c * width + j] / data.n();
            }
        }
        double[] between = new double[names.size()];
        double total = 0;
        for (int f = 0; f < names.size(); f++) {
            for (int j = columns.get(f)[0]; j < columns.get(f)[1]; j++) {
                for (int c = 0; c < k; c++) {
                    double delta = centroids[c * width + j] - mean[j];
                    between[f] += sizes[c] * delta * delta;
                }
            }
            total += between[f];
        }
        for (int f = 0; f < names.size(); f++) {
            if (total > 0 && between[f] / total > DOMINANT_SHARE) {
                return Optional.of(String.format(Locale.ROOT, "\"%s\" alone makes %.0f%% of the differences "
                        + "between the segments; the other features barely shape them. If they should count, give them "
                        + "more weight (weights) or check the scaling.", names.get(f), 100 * between[f] / total));
            }
        }
        return Optional.empty();
    }

}
