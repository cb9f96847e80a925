package io.customersegments.preparation;

import java.util.List;

/**
 * How one categorical feature enters the clustering space: one column per category (one-hot), centred
 * on the category's share of the customers and scaled so that the feature's columns together vary as
 * much as one standardised numeric feature (times its weight). Categories rarer than the run's threshold
 * share the category {@link #OTHER}; a missing value is the category {@link #MISSING}.
 *
 * @param feature the feature as the request named it
 * @param key the column's key in the dataset
 * @param label a short human label
 * @param slot the first of its columns in the clustering space
 * @param levels the categories with a column each, in the clustering space's order
 * @param shares each category's share of the clustered customers
 * @param folded the values seen in the data that fell into {@link #OTHER} for being rare
 * @param scale what an indicator minus its share is divided by: the square root of the summed category variances,
 *        over the square root of the weight
 */
public record CategoryEncoding(String feature, String key, String label, int slot, List<String> levels,
        double[] shares, List<String> folded, double scale) {

    /** The category of values too rare to be their own. */
    public static final String OTHER = "Other";

    /** The category of customers without a value. */
    public static final String MISSING = "(missing)";

    public int width() {
        return levels.size();
    }

    /**
     * The category a value belongs to: its own, {@link #OTHER} when it was folded there, {@link #MISSING}
     * for null; -1 for a value the run never saw.
     */
    public int levelOf(String value) {
        if (value == null || value.isBlank()) {
            int missing = levels.indexOf(MISSING);
            return missing >= 0 ? missing : folded.contains(MISSING) ? levels.indexOf(OTHER) : -1;
        }
        int own = levels.indexOf(value);
        if (own >= 0 && !value.equals(OTHER) && !value.equals(MISSING)) {
            return own;
        }
        return folded.contains(value) ? levels.indexOf(OTHER) : own;
    }

    /** Per code of a dataset's categorical column + 1 (0 for a missing value), the category it belongs to (-1 unseen). */
    public int[] levelsOfCodes(List<String> datasetLevels) {
        int[] levelOfCode = new int[datasetLevels.size() + 1];
        levelOfCode[0] = levelOf(null);
        for (int code = 0; code < datasetLevels.size(); code++) {
            levelOfCode[code + 1] = levelOf(datasetLevels.get(code));
        }
        return levelOfCode;
    }

    /**
     * Writes the category's coordinates at out[offset ..]. An unseen category (-1) gets zeros: the centre of the
     * feature, where the population's mix lies, so it pulls the customer towards no segment.
     */
    public void encode(int level, double[] out, int offset) {
        for (int l = 0; l < levels.size(); l++) {
            out[offset + l] = level < 0 ? 0 : ((l == level ? 1 : 0) - shares[l]) / scale;
        }
    }

    /**
     * A centre that another encoding of the same feature placed (an earlier run's), in this encoding's
     * coordinates: its share of each category carried over by name, none for a category it did not have.
     */
    public double[] reencode(CategoryEncoding from, double[] centre) {
        double[] coordinates = new double[levels.size()];
        for (int l = 0; l < levels.size(); l++) {
            int old = from.levels().indexOf(levels.get(l));
            double share = old < 0 ? 0 : from.share(centre[from.slot() + old], old);
            coordinates[l] = (share - shares[l]) / scale;
        }
        return coordinates;
    }

    /** A centre's share of customers in category l, from its coordinate. */
    public double share(double coordinate, int l) {
        return coordinate * scale + shares[l];
    }

}
