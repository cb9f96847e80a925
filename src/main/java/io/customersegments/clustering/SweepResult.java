package io.customersegments.clustering;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * A k sweep: the fit and metrics of every k, the elbow, the silhouette maximum, the chosen k with a
 * one-sentence reason, and how stable the chosen solution is.
 *
 * @param fits one entry per k, ascending
 * @param elbow the Kneedle elbow of the inertia curve
 * @param silhouetteK the k with the highest mean silhouette (the smallest on a tie)
 * @param chosenK the chosen k
 * @param criterion the criterion that was asked for
 * @param reason one human sentence saying why {@code chosenK} was chosen
 * @param stability the mean adjusted Rand index between the chosen fit and the fits of the same k from
 *     {@code stabilityScores.length} other seeds (1 = identical partitions; NaN when none were asked for)
 * @param stabilityScores the adjusted Rand index against each other seed's fit (do not modify)
 */
public record SweepResult(List<KFit> fits, Elbow elbow, int silhouetteK, int chosenK, KCriterion criterion,
        String reason, double stability, double[] stabilityScores) {

    public SweepResult {
        fits = List.copyOf(fits);
    }

    /** The fit of the chosen k. */
    public KFit chosen() {
        return fit(this.chosenK);
    }

    /** The fit of k. */
    public KFit fit(int k) {
        for (KFit fit : this.fits) {
            if (fit.k() == k) {
                return fit;
            }
        }
        throw new NoSuchElementException("k = " + k + " was not part of the sweep");
    }

}
