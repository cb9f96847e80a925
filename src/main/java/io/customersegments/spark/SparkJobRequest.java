package io.customersegments.spark;

import java.util.List;

/**
 * The k sweep a job runs on one dataset's customers.
 *
 * @param runId the run it is for (named in the log and the Spark application)
 * @param datasetId the dataset whose customers are read
 * @param rows the dataset's row count (row numbers 1..rows)
 * @param features the features in the clustering space's order
 * @param dropMissing whether customers missing a feature are left out (else the median stands in)
 * @param kMin the smallest k
 * @param kMax the largest k
 * @param restarts starts per k, seeds {@code seed}, {@code seed + 1}, ...
 * @param seed the first start's seed
 * @param maxIterations the cap on Lloyd iterations per start
 * @param absoluteTolerance the summed squared centre shift at which the local engine stops a start
 * @param screeningSample with more than twice this many customers, each k's starts run on a uniform sample of this many
 *        and only the best then on everyone, as the local engine screens; 0 runs every start on everyone
 */
public record SparkJobRequest(long runId, long datasetId, long rows, List<SparkFeature> features, boolean dropMissing,
        int kMin, int kMax, int restarts, long seed, int maxIterations, double absoluteTolerance, int screeningSample) {

    public SparkJobRequest {
        features = List.copyOf(features);
    }

}
