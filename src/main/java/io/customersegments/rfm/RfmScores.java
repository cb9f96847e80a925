package io.customersegments.rfm;

import java.util.Arrays;

/**
 * Each customer's R, F and M scores, 1..5, as the common notebooks compute them: recency and monetary
 * value cut at their quintiles (pandas {@code qcut}; R reversed, so the most recent fifth scores 5),
 * frequency ranked first-come (pandas {@code rank(method="first")}) before cutting, so that the many
 * customers with equal order counts do not collapse the bins.
 *
 * @param recencyEdges the inner quintile edges of recency (days): at most edge k, a customer's R score is 5 - k
 * @param frequencyEdges the inner quintile edges of frequency, as values: for scoring new customers
 * @param monetaryEdges the inner quintile edges of monetary value
 * @param frequencySplit per inner frequency edge, whether customers of the edge's value were ranked into both bins
 *        beside it: a new customer of that value may have either score
 */
public record RfmScores(int[] r, int[] f, int[] m, double[] recencyEdges, double[] frequencyEdges,
        double[] monetaryEdges, boolean[] frequencySplit) {

    /**
     * @throws IllegalArgumentException for fewer than five customers, or a NaN value
     */
    public static RfmScores score(double[] recency, double[] frequency, double[] monetary) {
        int n = recency.length;
        if (n < 5 || frequency.length != n || monetary.length != n) {
            throw new IllegalArgumentException("RFM scores need at least 5 customers with recency, frequency and "
                    + "monetary value, and one value of each per customer; there are " + n);
        }
        double[] recencyEdges = edges(recency);
        double[] monetaryEdges = edges(monetary);
        int[] r = new int[n];
        int[] m = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = 6 - bin(recencyEdges, recency[i]);
            m[i] = bin(monetaryEdges, monetary[i]);
        }
        int[] f = rankedBins(frequency);
        double[] frequencyEdges = frequencyEdges(frequency, f);
        boolean[] split = new boolean[frequencyEdges.length];
        for (int i = 0; i < n; i++) {
            // A customer above an edge with the edge's own value: first-come ranks split that value's customers.
            for (int bin = 1; bin < f[i]; bin++) {
                split[bin - 1] |= frequency[i] == frequencyEdges[bin - 1];
            }
        }
        return new RfmScores(r, f, m, recencyEdges, frequencyEdges, monetaryEdges, split);
    }

    /** The recency-frequency segment of customer {@code i}. */
    public RfmSegment segment(int i) {
        return RfmSegment.of(r[i], f[i]);
    }

    /** The scores of a customer who was not scored with the others, from the edges: R, F and M. */
    public static int[] scoreNew(double recency, double frequency, double monetary, double[] recencyEdges,
            double[] frequencyEdges, double[] monetaryEdges) {
        return new int[] { 6 - bin(recencyEdges, recency), bin(frequencyEdges, frequency), bin(monetaryEdges, monetary) };
    }

    /** The quintile bin (1..5) of a value: one more than the number of inner edges below it, as qcut's right-closed bins. */
    static int bin(double[] innerEdges, double value) {
        int bin = 1;
        for (double edge : innerEdges) {
            if (value > edge) {
                bin++;
            }
        }
        return bin;
    }

    /** The four inner quintile edges (numpy's linear interpolation); NaN values are refused. */
    static double[] edges(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("RFM values must not be missing");
        }
        double[] edges = new double[4];
        for (int k = 1; k <= 4; k++) {
            double position = (sorted.length - 1) * k / 5.0;
            int below = (int) Math.floor(position);
            int above = Math.min(sorted.length - 1, below + 1);
            edges[k - 1] = sorted[below] + (sorted[above] - sorted[below]) * (position - below);
        }
        return edges;
    }

    /**
     * Bins 1..5 of the values' first-come ranks (ties ranked in row order), cut at the rank quintiles.
     */
    static int[] rankedBins(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // A stable sort keeps equal values in row order: pandas' rank(method="first").
        Arrays.sort(order, (i, j) -> Double.compare(values[i], values[j]));
        double[] ranks = new double[n];
        for (int position = 0; position < n; position++) {
            ranks[order[position]] = position + 1;
        }
        double[] rankEdges = edges(ranks);
        int[] bins = new int[n];
        for (int i = 0; i < n; i++) {
            bins[i] = bin(rankEdges, ranks[i]);
        }
        return bins;
    }

    /**
     * Value thresholds that reproduce the rank bins for a new customer: the largest value scored in each of
     * bins 1..4 (a new customer equal to it is placed in the lower bin, as if ranked first among equals).
     */
    private static double[] frequencyEdges(double[] frequency, int[] f) {
        double[] edges = new double[4];
        Arrays.fill(edges, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < frequency.length; i++) {
            for (int bin = f[i]; bin <= 4; bin++) {
                edges[bin - 1] = Math.max(edges[bin - 1], frequency[i]);
            }
        }
        return edges;
    }

}
