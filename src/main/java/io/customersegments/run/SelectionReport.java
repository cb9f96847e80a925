package io.customersegments.run;

import java.util.List;

/**
 * How k was chosen.
 *
 * @param perK the metrics of the best fit at every k tried
 * @param elbowK the Kneedle elbow of the inertia curve (null when the curve has none or one k was asked for)
 * @param silhouetteK the k with the largest mean silhouette
 * @param chosenK the k used
 * @param reason why chosenK was chosen, in one sentence
 * @param stability mean adjusted Rand index of the chosen k-means fit against fits from other seeds (1 = identical);
 *        null for a Gaussian mixture, whose segments are not those of the k-means fit it was measured on
 * @param silhouetteExact false when silhouettes were computed on a stratified sample
 * @param silhouetteSampleSize points the silhouettes were computed on
 * @param mixtureFitRows for a Gaussian mixture, the customers it was fitted on (all, or a stratified sample of them)
 * @param screenedOn when the customers were more than twice as many: the rows of the uniform sample on which each k's
 *        restarts ran first, only the best of them then running on everyone (the request's screeningSample; 0 there
 *        runs every restart on everyone; on Spark customers drawn by row number, about that many, its size given here); null when
 *        every restart ran on every customer
 * @param mixtureSilhouette for a Gaussian mixture, the mean silhouette of its own segments (on a stratified sample
 *        above 10,000 customers)
 * @param engine where the k-means fits ran: LOCAL or SPARK (null for runs stored before there was a choice: LOCAL)
 * @param executors for SPARK, the executors the job ran on (1 in Spark's local mode)
 */
public record SelectionReport(List<KMetrics> perK, Integer elbowK, int silhouetteK, int chosenK, String criterion,
        String reason, Double stability, boolean silhouetteExact, int silhouetteSampleSize, Integer mixtureFitRows,
        Double mixtureSilhouette, Integer screenedOn, String engine, Integer executors) {

    /** The mean silhouette of the segments kept: a mixture's own, else the chosen k's. */
    public double chosenSilhouette() {
        return mixtureSilhouette != null ? mixtureSilhouette
                : perK.stream().filter(metrics -> metrics.k() == chosenK).findFirst().orElseThrow().silhouette();
    }

    /**
     * One k's best fit: inertia (within-cluster sum of squares, scaled space), silhouette, Calinski-Harabasz,
     * Davies-Bouldin of the k-means fit; for a Gaussian mixture run also the mixture's BIC (smaller is better).
     */
    public record KMetrics(int k, double inertia, double silhouette, double silhouetteCiLow, double silhouetteCiHigh,
            double calinskiHarabasz, double daviesBouldin, Double bic) {

        public KMetrics(int k, double inertia, double silhouette, double silhouetteCiLow, double silhouetteCiHigh,
                double calinskiHarabasz, double daviesBouldin) {
            this(k, inertia, silhouette, silhouetteCiLow, silhouetteCiHigh, calinskiHarabasz, daviesBouldin, null);
        }

    }

}
