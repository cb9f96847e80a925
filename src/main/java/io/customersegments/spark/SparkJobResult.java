package io.customersegments.spark;

import java.util.List;

/**
 * What a job found: per k, the centres of its best start.
 *
 * @param executors the executors that ran the fits (1 in local mode: the driver's own)
 * @param parallelism the cores the fits were spread over (Spark's default parallelism)
 * @param rows the customers the fits saw
 * @param readMillis reading and preparing them
 * @param source where they were read from: {@code blocks} (the dataset's columnar copy) or {@code rows}
 * @param fitMillis the k sweep
 * @param iterations the Lloyd iterations of all its starts together
 * @param screenedOn the size of the sample each k's starts ran on when they were screened (each customer drawn by its
 *        row number with a probability that makes it about the request's screeningSample); else null
 * @param fits per k, ascending
 */
public record SparkJobResult(int executors, int parallelism, long rows, long readMillis, String source, long fitMillis,
        long iterations, Integer screenedOn, List<Fit> fits) {

    public SparkJobResult {
        fits = List.copyOf(fits);
    }

    /**
     * @param k the number of clusters
     * @param centres k rows of d coordinates, in the clustering space
     * @param cost the best start's sum of squared distances
     * @param iterations its Lloyd iterations
     */
    public record Fit(int k, double[][] centres, double cost, int iterations) {
    }

}
