package io.customersegments.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

import org.apache.commons.math3.random.Well19937c;

import io.customersegments.clustering.GaussianMixture;
import io.customersegments.clustering.KFit;
import io.customersegments.clustering.MixtureAssignments;
import io.customersegments.clustering.MixtureFit;
import io.customersegments.clustering.MixtureOptions;
import io.customersegments.clustering.StratifiedSample;
import io.customersegments.clustering.SweepResult;
import io.customersegments.preparation.PreparedData;

/**
 * The GAUSSIAN_MIXTURE method of a run: at every k of the k-means sweep, a mixture with full covariances is
 * started from that k's k-means segments and fitted by EM (on a sample stratified by those segments when
 * there are more customers than the fit-row limit); the k with the lowest BIC is kept, every customer is
 * assigned its most probable segment, and segments are numbered by size, largest first.
 */
final class MixtureRuns {

    private MixtureRuns() {
    }

    /**
     * @param bic per k of the sweep, in its order, the mixture's BIC
     * @param fitRows the customers the mixtures were fitted on
     * @param probabilities each customer's probability of its segment
     * @param runnersUp each customer's second most probable segment
     */
    record Fitted(int k, double[] means, int[] labels, double[] distances, double[] secondDistances,
            double[] probabilities, int[] runnersUp, double[] runnerUpProbabilities, double[] bic, int fitRows,
            RunModel.MixtureModel model) {
    }

    /**
     * @param fixedK true when the request gave k (the sweep holds that k alone)
     * @param progress told the fraction of the fits done
     */
    static Fitted fit(PreparedData data, SweepResult sweep, int fitRowLimit, long seed, DoubleConsumer progress,
            BooleanSupplier cancelled) {
        int n = data.n();
        int d = data.dimensions();
        MixtureOptions options = MixtureOptions.defaults();
        List<KFit> fits = sweep.fits();
        // Every k is fitted on the same customers, so their BICs differ by the fit alone, not by the sample.
        int[] sample = null;
        double[] rows = data.scaled();
        int m = n;
        if (fitRowLimit > 0 && n > fitRowLimit) {
            KFit finest = fits.get(fits.size() - 1);
            sample = StratifiedSample.draw(finest.model().labels(), finest.model().sizes(), fitRowLimit,
                    new Well19937c(seed));
            m = sample.length;
            rows = new double[m * d];
            for (int s = 0; s < m; s++) {
                System.arraycopy(data.scaled(), sample[s] * d, rows, s * d, d);
            }
        }
        double[] bic = new double[fits.size()];
        MixtureFit best = null;
        for (int f = 0; f < fits.size(); f++) {
            KFit start = fits.get(f);
            int[] labels = start.model().labels();
            if (sample != null) {
                int[] sampleLabels = new int[m];
                for (int s = 0; s < m; s++) {
                    sampleLabels[s] = labels[sample[s]];
                }
                labels = sampleLabels;
            }
            if (!everyLabelUsed(labels, start.k())) {
                // A k whose tiny k-means segment the sample missed cannot be compared on the same customers: skipped.
                bic[f] = Double.NaN;
                progress.accept((f + 1.0) / fits.size());
                continue;
            }
            MixtureFit fit = GaussianMixture.fit(rows, m, d, start.k(), labels, options, cancelled);
            bic[f] = fit.bic();
            if (best == null || bic[f] < best.bic()) {
                best = fit;
            }
            progress.accept((f + 1.0) / fits.size());
        }
        MixtureAssignments assigned = best.assign(data.scaled(), n, options.threads(), cancelled);
        MixtureFit kept = withoutEmptyComponents(best, assigned.labels());
        if (kept != best) {
            assigned = kept.assign(data.scaled(), n, options.threads(), cancelled);
        }
        return numberedBySize(kept, assigned, data, bic, m);
    }

    /** Whether every segment has a customer among these: the sample keeps every segment of the finest k, not always of coarser ones. */
    private static boolean everyLabelUsed(int[] labels, int k) {
        boolean[] used = new boolean[k];
        for (int label : labels) {
            used[label] = true;
        }
        for (boolean one : used) {
            if (!one) {
                return false;
            }
        }
        return true;
    }

    /**
     * A component that is no customer's most probable one would be a segment of nobody: it is left out, the other
     * weights renormalised (the customers are then assigned again, their runners-up among the components kept).
     */
    private static MixtureFit withoutEmptyComponents(MixtureFit fit, int[] labels) {
        int k = fit.k();
        int d = fit.d();
        boolean[] used = new boolean[k];
        for (int label : labels) {
            used[label] = true;
        }
        int kept = 0;
        double weight = 0;
        for (int c = 0; c < k; c++) {
            if (used[c]) {
                kept++;
                weight += fit.weights()[c];
            }
        }
        if (kept == k) {
            return fit;
        }
        double[] weights = new double[kept];
        double[] means = new double[kept * d];
        double[] covariances = new double[kept * d * d];
        double[] choleskys = new double[kept * d * d];
        for (int c = 0, j = 0; c < k; c++) {
            if (used[c]) {
                weights[j] = fit.weights()[c] / weight;
                System.arraycopy(fit.means(), c * d, means, j * d, d);
                System.arraycopy(fit.covariances(), c * d * d, covariances, j * d * d, d * d);
                System.arraycopy(fit.choleskys(), c * d * d, choleskys, j * d * d, d * d);
                j++;
            }
        }
        return new MixtureFit(kept, d, fit.n(), weights, means, covariances, choleskys, fit.logLikelihood(),
                fit.iterations(), fit.converged());
    }

    /** Renumbers the components largest first (ties by their fitted order). */
    private static Fitted numberedBySize(MixtureFit fit, MixtureAssignments assigned, PreparedData data, double[] bic,
            int fitRows) {
        int k = fit.k();
        int d = fit.d();
        int n = data.n();
        long[] sizes = new long[k];
        for (int label : assigned.labels()) {
            sizes[label]++;
        }
        Integer[] order = new Integer[k];
        Arrays.setAll(order, c -> c);
        Arrays.sort(order, (a, b) -> sizes[a] != sizes[b] ? Long.compare(sizes[b], sizes[a]) : Integer.compare(a, b));
        int[] ordinalOf = new int[k];
        for (int ordinal = 0; ordinal < k; ordinal++) {
            ordinalOf[order[ordinal]] = ordinal;
        }
        double[] weights = new double[k];
        double[] means = new double[k * d];
        double[] covariances = new double[k * d * d];
        double[] choleskys = new double[k * d * d];
        for (int ordinal = 0; ordinal < k; ordinal++) {
            int c = order[ordinal];
            weights[ordinal] = fit.weights()[c];
            System.arraycopy(fit.means(), c * d, means, ordinal * d, d);
            System.arraycopy(fit.covariances(), c * d * d, covariances, ordinal * d * d, d * d);
            System.arraycopy(fit.choleskys(), c * d * d, choleskys, ordinal * d * d, d * d);
        }
        int[] labels = new int[n];
        int[] runnersUp = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = ordinalOf[assigned.labels()[i]];
            runnersUp[i] = assigned.runnersUp()[i] < 0 ? -1 : ordinalOf[assigned.runnersUp()[i]];
        }
        return new Fitted(k, means, labels, assigned.distances(), assigned.secondDistances(), assigned.probabilities(),
                runnersUp, assigned.runnerUpProbabilities(), bic, fitRows,
                new RunModel.MixtureModel(weights, covariances, choleskys));
    }

    /** The reason the report gives for the chosen k; {@code keptK} is below it when empty components were left out. */
    static String reason(List<KFit> fits, double[] bic, int keptK) {
        List<String> values = new ArrayList<>();
        int bestK = fits.get(0).k();
        double lowest = Double.POSITIVE_INFINITY;
        for (int f = 0; f < fits.size(); f++) {
            values.add(Double.isNaN(bic[f]) ? "k = " + fits.get(f).k() + ": skipped (a segment too small for the sample)"
                    : String.format(Locale.ROOT, "k = %d: %,.0f", fits.get(f).k(), bic[f]));
            if (bic[f] < lowest) {
                lowest = bic[f];
                bestK = fits.get(f).k();
            }
        }
        String reason = fits.size() == 1 ? "k = " + bestK + " was asked for."
                : "k = " + bestK + " has the lowest BIC, the mixture's fit penalised for its size (" + String.join("; ",
                        values) + ").";
        return keptK == bestK ? reason : reason + " " + (bestK - keptK) + " of its components were no customer's most "
                + "probable and were left out, so " + keptK + " segments remain.";
    }

}
