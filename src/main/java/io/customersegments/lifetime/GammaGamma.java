package io.customersegments.lifetime;

import org.apache.commons.math3.special.Gamma;

/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie and Lee 2005, "RFM and CLV"): a customer's
 * purchase values are Gamma(p, ν) with ν ~ Gamma(q, v) across customers, independent of how often they
 * buy. Fitted to the repeat customers' number of repeat purchases and their mean value.
 */
public record GammaGamma(double p, double q, double v, double logLikelihood, int customers) {

    /**
     * Fits p, q, v by maximum likelihood on the customers with repeat purchases of positive mean value.
     *
     * @throws ModelFitException when fewer than {@code minimum} such customers exist
     */
    public static GammaGamma fit(PurchaseHistory history, int minimum) {
        int n = 0;
        for (int i = 0; i < history.customers(); i++) {
            n += history.x()[i] > 0 && history.m()[i] > 0 ? 1 : 0;
        }
        if (n < minimum) {
            throw new ModelFitException("only " + n + " customers have repeat purchases of positive value; the spend "
                    + "model needs at least " + minimum);
        }
        double[] x = new double[n];
        double[] logX = new double[n];
        double[] m = new double[n];
        double[] logM = new double[n];
        int maxRepeats = 0;
        int j = 0;
        for (int i = 0; i < history.customers(); i++) {
            if (history.x()[i] > 0 && history.m()[i] > 0) {
                x[j] = history.x()[i];
                logX[j] = Math.log(x[j]);
                m[j] = history.m()[i];
                logM[j] = Math.log(m[j]);
                maxRepeats = Math.max(maxRepeats, (int) x[j]);
                j++;
            }
        }
        int repeatsCap = maxRepeats;
        ToLogLikelihood ll = (p, q, v) -> {
            // lgamma(p x + q) - lgamma(p x) once per repeat count.
            double[] byRepeats = new double[repeatsCap + 1];
            for (int k = 1; k <= repeatsCap; k++) {
                byRepeats[k] = Gamma.logGamma(p * k + q) - Gamma.logGamma(p * k);
            }
            double constant = -Gamma.logGamma(q) + q * Math.log(v);
            return ChunkedSum.of(x.length, (from, to) -> {
                double sum = 0;
                for (int i = from; i < to; i++) {
                    double px = p * x[i];
                    sum += byRepeats[(int) x[i]] + constant + (px - 1) * logM[i] + px * logX[i]
                            - (px + q) * Math.log(x[i] * m[i] + v);
                }
                return sum;
            });
        };
        double[] best = MaximumLikelihood.maximise(
                theta -> ll.at(Math.exp(theta[0]), Math.exp(theta[1]), Math.exp(theta[2])) / x.length, new double[3]);
        double p = Math.exp(best[0]);
        double q = Math.exp(best[1]);
        double v = Math.exp(best[2]);
        if (q <= 1) {
            throw new ModelFitException("the fitted spend model (q = " + q + " <= 1) has no finite mean purchase value: "
                    + "the repeat purchase values vary too wildly to predict");
        }
        return new GammaGamma(p, q, v, ll.at(p, q, v), n);
    }

    /** The expected mean value of a customer's future purchases, given x repeat purchases of mean value m. */
    public double expectedAverageValue(double x, double m) {
        double populationMean = p * v / (q - 1);
        if (x == 0) {
            return populationMean;
        }
        double individualWeight = p * x / (p * x + q - 1);
        return (1 - individualWeight) * populationMean + individualWeight * m;
    }

    @FunctionalInterface
    private interface ToLogLikelihood {

        double at(double p, double q, double v);

    }

}
