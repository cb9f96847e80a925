package io.customersegments.sparkjob;

import java.util.List;

/**
 * What the service asks of one job, written by it as JSON: where the customers are, how each feature is prepared
 * (the parameters the service computed once, so both engines scale alike), and the k sweep.
 *
 * @param master Spark's master: {@code local[N]}, {@code spark://host:port}, {@code k8s://...}
 * @param conf further Spark settings, passed through
 * @param jdbcUrl the service's PostgreSQL (user and password alongside)
 * @param schema the schema of the service's tables
 * @param datasetId the dataset whose customers are read
 * @param rows the dataset's row count: row numbers run from 1 to it, the JDBC partitions split that range
 * @param partitions how many JDBC partitions (and so concurrent reads and tasks per iteration) the customers are read
 *        in; 0: the master's default parallelism (its cores), at least 2
 * @param dropMissing whether a customer missing any feature is left out (else the feature's median stands in)
 * @param features the features, in the order of the clustering space
 * @param kMin the smallest k fitted
 * @param kMax the largest k fitted
 * @param restarts k-means|| starts per k (seeds {@code seed}, {@code seed + 1}, ...), the lowest cost kept
 * @param seed the first start's seed
 * @param maxIterations the cap on Lloyd iterations per start
 * @param screeningSample with more than twice this many customers, each k's starts run on a uniform sample of this
 *        many and only the best one then on everyone (as the local engine screens); 0 runs every start on everyone
 * @param appName the Spark application's name
 * @param servicePid the service process that started this driver: the driver ends itself when it is gone
 * @param absoluteTolerance the summed squared centre shift at which the local engine stops; a start here stops once
 *        every centre moved less than {@code sqrt(absoluteTolerance / k)}, which implies it
 */
public record JobSpec(String master, java.util.Map<String, String> conf, String jdbcUrl, String user, String password,
        String schema, long datasetId, long rows, int partitions, boolean dropMissing, List<Feature> features,
        int kMin, int kMax, int restarts, long seed, int maxIterations, double absoluteTolerance, int screeningSample,
        String appName,
        Long servicePid) {

    /**
     * One numeric feature: the dataset's value slot it is read from (0-based) and the local engine's transform,
     * applied in its order: a missing value becomes the median, then clipped, log-transformed, centred and scaled.
     */
    public record Feature(int slot, double median, Double clipLow, Double clipHigh, boolean log, double center,
            double scale) implements java.io.Serializable {

        /** The steps of the service's FeatureTransform.apply, written again: this project cannot share the service's code. */
        double apply(double value) {
            double x = Double.isNaN(value) ? median : value;
            if (clipLow != null && x < clipLow) {
                x = clipLow;
            }
            if (clipHigh != null && x > clipHigh) {
                x = clipHigh;
            }
            if (log) {
                x = Math.copySign(Math.log1p(Math.abs(x)), x);
            }
            return (x - center) / scale;
        }

    }

}
