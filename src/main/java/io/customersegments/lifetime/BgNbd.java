package io.customersegments.lifetime;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.DoubleStream;

import org.apache.commons.math3.special.Gamma;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie and Lee 2005): while alive, a customer buys at a
 * Poisson rate λ ~ Gamma(r, α); after any purchase they drop out with probability p ~ Beta(a, b). The
 * formulas follow the paper and the {@code lifetimes} library.
 *
 * @param logLikelihood the log-likelihood of the data the model was fitted to
 */
public record BgNbd(double r, double alpha, double a, double b, double logLikelihood) {

    /** Fits the four parameters by maximum likelihood (Nelder-Mead on their logarithms). */
    public static BgNbd fit(PurchaseHistory history) {
        Grouped data = Grouped.of(history);
        double[] best = MaximumLikelihood.maximise(theta -> data.logLikelihood(Math.exp(theta[0]), Math.exp(theta[1]),
                Math.exp(theta[2]), Math.exp(theta[3])) / data.total, new double[4]);
        double r = Math.exp(best[0]);
        double alpha = Math.exp(best[1]);
        double a = Math.exp(best[2]);
        double b = Math.exp(best[3]);
        return new BgNbd(r, alpha, a, b, data.logLikelihood(r, alpha, a, b));
    }

    /** The probability that a customer with this history is still alive at the end of the calibration period. */
    public double probabilityAlive(double x, double tx, double T) {
        if (x == 0) {
            return 1;
        }
        double logRatio = (r + x) * Math.log((alpha + T) / (alpha + tx)) + Math.log(a / (b + x - 1));
        return 1 / (1 + Math.exp(logRatio));
    }

    /** The expected number of purchases in the {@code t} time units after the calibration period. */
    public double expectedPurchases(double t, double x, double tx, double T) {
        if (t <= 0) {
            return 0;
        }
        double z = t / (alpha + T + t);
        double hyp = Hypergeometric.f21(r + x, b + x, a + b + x - 1, z);
        double numerator = (a + b + x - 1) / (a - 1) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp);
        double denominator = 1 + (x > 0 ? a / (b + x - 1) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0);
        return numerator / denominator;
    }

    /** The histories with equal (x, tx, T) counted once with their weight: the likelihood is evaluated per group. */
    private static final class Grouped {

        private final double[] x;

        private final double[] weight;

        /** The distinct values of tx and T, and each group's place among them: log(α + t) is taken once per value. */
        private final double[] times;

        private final int[] txAt;

        private final int[] tAt;

        private final int[] repeats;

        private final int maxRepeats;

        private final double total;

        private Grouped(double[] x, double[] tx, double[] T, double[] weight) {
            this.x = x;
            this.weight = weight;
            this.times = DoubleStream.concat(Arrays.stream(tx), Arrays.stream(T))
                .distinct()
                .sorted()
                .toArray();
            this.txAt = new int[x.length];
            this.tAt = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                txAt[i] = Arrays.binarySearch(times, tx[i]);
                tAt[i] = Arrays.binarySearch(times, T[i]);
            }
            this.repeats = new int[x.length];
            int max = 0;
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                repeats[i] = (int) x[i];
                max = Math.max(max, repeats[i]);
                sum += weight[i];
            }
            this.maxRepeats = max;
            this.total = sum;
        }

        private record Key(double x, double tx, double T) {
        }

        static Grouped of(PurchaseHistory history) {
            Map<Key, double[]> groups = new HashMap<>();
            for (int i = 0; i < history.customers(); i++) {
                double x = history.x()[i];
                if (x < 0 || x != Math.rint(x) || !(history.T()[i] >= history.tx()[i]) || history.tx()[i] < 0) {
                    throw new IllegalArgumentException("Customer " + i + " has an impossible history: x = " + x
                            + ", t_x = " + history.tx()[i] + ", T = " + history.T()[i]);
                }
                groups.computeIfAbsent(new Key(x, history.tx()[i], history.T()[i]), key -> new double[1])[0]++;
            }
            int n = groups.size();
            double[] x = new double[n];
            double[] tx = new double[n];
            double[] T = new double[n];
            double[] weight = new double[n];
            int i = 0;
            // Sorted, so that the sums (and so the fit) do not depend on the hash map's order.
            for (Map.Entry<Key, double[]> group : groups.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparingDouble(Key::x)
                    .thenComparingDouble(Key::tx)
                    .thenComparingDouble(Key::T)))
                .toList()) {
                x[i] = group.getKey().x();
                tx[i] = group.getKey().tx();
                T[i] = group.getKey().T();
                weight[i] = group.getValue()[0];
                i++;
            }
            return new Grouped(x, tx, T, weight);
        }

        double logLikelihood(double r, double alpha, double a, double b) {
            // The terms that depend on x only, once per repeat count.
            double[] byRepeats = new double[maxRepeats + 1];
            double[] logDropout = new double[maxRepeats + 1];
            double lgR = Gamma.logGamma(r);
            double lgB = Gamma.logGamma(b);
            double lgAB = Gamma.logGamma(a + b);
            double logA = Math.log(a);
            for (int k = 0; k <= maxRepeats; k++) {
                byRepeats[k] = Gamma.logGamma(r + k) - lgR + r * Math.log(alpha) + lgAB + Gamma.logGamma(b + k) - lgB
                        - Gamma.logGamma(a + b + k);
                logDropout[k] = k > 0 ? logA - Math.log(b + k - 1) : 0;
            }
            double[] logTimes = new double[times.length];
            for (int j = 0; j < times.length; j++) {
                logTimes[j] = Math.log(alpha + times[j]);
            }
            return ChunkedSum.of(x.length, (from, to) -> {
                double sum = 0;
                for (int i = from; i < to; i++) {
                    double rx = r + x[i];
                    double a3 = -rx * logTimes[tAt[i]];
                    double mixture;
                    if (repeats[i] > 0) {
                        double a4 = logDropout[repeats[i]] - rx * logTimes[txAt[i]];
                        double max = Math.max(a3, a4);
                        mixture = max + Math.log1p(Math.exp(Math.min(a3, a4) - max));
                    }
                    else {
                        mixture = a3;
                    }
                    sum += weight[i] * (byRepeats[repeats[i]] + mixture);
                }
                return sum;
            });
        }

    }

}
