package io.customersegments.clustering;

/**
 * One k of a sweep: the fitted model (use it directly, no refit needed) and its silhouette.
 *
 * @param k the number of clusters
 * @param model the K-means fit, with inertia, Calinski-Harabasz and Davies-Bouldin
 * @param silhouette the silhouette of the fit's labels
 */
public record KFit(int k, KMeansResult model, SilhouetteResult silhouette) {

    public double inertia() {
        return this.model.inertia();
    }

    /** The mean silhouette (exact or estimated, see {@link SilhouetteResult#exact()}). */
    public double silhouetteMean() {
        return this.silhouette.mean();
    }

    public double calinskiHarabasz() {
        return this.model.calinskiHarabasz();
    }

    public double daviesBouldin() {
        return this.model.daviesBouldin();
    }

}
