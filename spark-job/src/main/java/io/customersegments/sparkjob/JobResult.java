package io.customersegments.sparkjob;

import java.util.List;

/**
 * What a job hands back: per k the centres of its best start, in the clustering space. The service assigns,
 * measures, scores silhouettes on its stratified sample and chooses k exactly as for its own fits.
 *
 * @param executors the executors that ran the fits (1 in local mode: the driver's own)
 * @param parallelism Spark's default parallelism (the cores the fits were spread over)
 * @param rows the customers the fits saw (after leaving out those with a missing feature under DROP)
 * @param readMillis reading and preparing the customers
 * @param source where they were read from: {@code blocks} (the service's columnar copy) or {@code rows}
 * @param fitMillis the k sweep
 * @param iterations the Lloyd iterations of every start of every k, together (for the cost per iteration)
 * @param screenedOn the size of the sample each k's starts ran on, when they were screened (about the spec's
 *        screeningSample: customers drawn by row number, see ScreeningSample); else null
 * @param fits per k, ascending
 */
public record JobResult(int executors, int parallelism, long rows, long readMillis, String source, long fitMillis,
        long iterations, Long screenedOn, List<Fit> fits) {

    /**
     * @param k the number of clusters
     * @param centres k rows of d coordinates
     * @param cost the best start's sum of squared distances (MLlib's training cost)
     * @param iterations the Lloyd iterations of the best start
     */
    public record Fit(int k, double[][] centres, double cost, int iterations) {
    }

}
