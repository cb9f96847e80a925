package io.customersegments.dataset;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Streaming statistics of one numeric or date column. Keeps every value while the column's share
 * of the memory budget allows, so quantiles and outlier counts are exact; beyond it keeps a uniform
 * reservoir sample (Algorithm R) and says the figures are estimates. Mean and variance follow
 * Welford on values scaled by a power of two that brings the largest magnitude below 1, so values
 * near {@link Double#MAX_VALUE} cannot overflow the deviations (scaling by 2^k is exact, so
 * ordinary data gets the same figures as unscaled Welford).
 */
final class NumericStatistics {

    /** The most values summarised by selection and a hash (2M: a {@link LongHashSet} of 32 MB); more are sorted. */
    static final int HASHED_VALUES = 1 << 21;

    private final int capacity;

    private final SplittableRandom random;

    private final DistinctCounter distinctSketch = new DistinctCounter();

    private double[] values = new double[1024];

    private int kept;

    private long count;

    private long missing;

    /** The power of two every value is divided by: one above the exponent of the largest magnitude so far. */
    private int scale = Integer.MIN_VALUE;

    /** The mean of the scaled values. */
    private double mean;

    /** Welford's sum of squared deviations of the scaled values. */
    private double sumOfSquares;

    private double min = Double.POSITIVE_INFINITY;

    private double max = Double.NEGATIVE_INFINITY;

    NumericStatistics(int capacity, long seed) {
        this.capacity = capacity;
        this.random = new SplittableRandom(seed);
    }

    void addMissing() {
        missing++;
    }

    void add(double value) {
        count++;
        rescaleFor(value);
        double scaled = Math.scalb(value, -scale);
        double delta = scaled - mean;
        mean += delta / count;
        sumOfSquares += delta * (scaled - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (kept < capacity) {
            if (kept == values.length) {
                values = Arrays.copyOf(values, (int) Math.min((long) capacity, values.length * 2L));
            }
            values[kept++] = value;
        }
        else {
            if (count == capacity + 1L) {
                // From here on only a sample is kept: the sketch takes over the distinct count, seeded with every value so far.
                for (int i = 0; i < kept; i++) {
                    distinctSketch.addDouble(values[i]);
                }
            }
            distinctSketch.addDouble(value);
            long slot = random.nextLong(count);
            if (slot < capacity) {
                values[(int) slot] = value;
            }
        }
    }

    private void rescaleFor(double value) {
        if (value == 0) {
            return;
        }
        int needed = Math.getExponent(value) + 1;
        if (scale == Integer.MIN_VALUE) {
            // Only zeros so far: mean and sum of squares are 0 at any scale.
            scale = needed;
        }
        else if (needed > scale) {
            mean = Math.scalb(mean, scale - needed);
            sumOfSquares = Math.scalb(sumOfSquares, 2 * (scale - needed));
            scale = needed;
        }
    }

    /** A scaled moment back in the file's units, or null when it does not fit in a double. */
    private Double unscaled(double moment, int power) {
        if (scale == Integer.MIN_VALUE) {
            return moment;
        }
        double value = Math.scalb(moment, power);
        return Double.isFinite(value) ? value : null;
    }

    /** Summarises the column; call once, after the last value. */
    Summary summarize() {
        boolean exact = count == kept;
        // Selection and a hash, linear in the values (an upload's statistics run beside its index builds), while their
        // extra memory is small beside an upload's (a copy of at most 16 MB and a table of at most 32 MB); beyond, a
        // sort in place, which needs none. Both give the same figures.
        boolean hashed = kept <= HASHED_VALUES;
        double[] quartiles = null;
        if (kept > 0 && hashed) {
            if (kept < values.length) {
                values = Arrays.copyOf(values, kept); // what is read below, in the order selection leaves
            }
            quartiles = Quantiles.selected(values, kept, 0.25, 0.5, 0.75);
        }
        else if (kept > 0) {
            Arrays.sort(values, 0, kept);
            quartiles = new double[] { Quantiles.sorted(values, kept, 0.25), Quantiles.sorted(values, kept, 0.5),
                Quantiles.sorted(values, kept, 0.75) };
        }
        Double p25 = quartiles == null ? null : quartiles[0];
        Double p75 = quartiles == null ? null : quartiles[2];
        Long outliers = null;
        Long farOut = null;
        if (p25 != null) {
            IqrFences fences = IqrFences.of(p25, p75);
            double iqr = p75 - p25;
            double farLow = p25 - ValueChecks.EXTREME_IQR * iqr;
            double farHigh = p75 + ValueChecks.EXTREME_IQR * iqr;
            long outside = 0;
            long beyond = 0;
            for (int i = 0; i < kept; i++) {
                if (fences.outside(values[i])) {
                    outside++;
                    // With no spread between the quartiles every other value would be far out: none is counted.
                    beyond += iqr > 0 && (values[i] < farLow || values[i] > farHigh) ? 1 : 0;
                }
            }
            outliers = exact ? outside : Math.round((double) outside / kept * count);
            farOut = exact ? beyond : Math.round((double) beyond / kept * count);
        }
        long distinct = !exact ? Math.min(count, distinctSketch.estimate()) : hashed ? countDistinct()
                : countDistinctSorted();
        Summary summary = new Summary(count, missing, distinct, exact, count == 0 ? null : unscaled(mean, scale),
                count < 2 ? null : unscaled(Math.sqrt(sumOfSquares / (count - 1)), scale), count == 0 ? null : min, p25,
                quartiles == null ? null : quartiles[1], p75, count == 0 ? null : max, outliers, farOut);
        values = null;
        return summary;
    }

    /** The number of distinct values kept, once they are sorted (0.0 and -0.0 count as one: they compare equal). */
    private long countDistinctSorted() {
        long distinct = 0;
        for (int i = 0; i < kept; i++) {
            if (i == 0 || values[i] != values[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    /**
     * The number of distinct values kept, by hashing their bits (0.0 and -0.0, which compare equal, as one key: 0);
     * sized for every value at once, at most {@link #HASHED_VALUES}.
     */
    private long countDistinct() {
        LongHashSet distinct = new LongHashSet(kept);
        for (int i = 0; i < kept; i++) {
            double value = values[i];
            distinct.add(value == 0 ? 0L : Double.doubleToLongBits(value));
        }
        return distinct.size();
    }

    /** @param farOut values beyond three interquartile ranges from the quartiles (none when the quartiles coincide) */
    record Summary(long count, long missing, long distinct, boolean exact, Double mean, Double std, Double min,
            Double p25, Double median, Double p75, Double max, Long outliers, Long farOut) {
    }

}
