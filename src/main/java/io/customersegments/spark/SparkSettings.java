package io.customersegments.spark;

import java.nio.file.Path;
import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where runs with {@code engine: SPARK} go ({@code segmentation.spark.*}).
 *
 * @param master Spark's master URL ({@code local[4]}, {@code spark://host:7077}, {@code k8s://...}); unset, no run
 *        goes to Spark and {@code engine: SPARK} is refused
 * @param minRows with {@code engine: AUTO} (the default), datasets of more rows than this go to Spark
 * @param jobJar the job's jar, built by {@code mvn -f spark-job/pom.xml package}; its dependencies are in
 *        {@code lib/} beside it
 * @param driverMemory the driver process's maximum heap ({@code -Xmx})
 * @param partitions how many partitions (concurrent JDBC reads, and tasks per k-means iteration) the customers are
 *        read in; 0: the master's default parallelism (the cluster's cores), at least 2. A screened run's segments do
 *        not depend on it (the job's sample is drawn by row number); an unscreened run's k-means|| starts do
 * @param conf further Spark settings for every job, e.g. {@code segmentation.spark.conf.[spark.executor.memory]=4g};
 *        not {@code spark.driver.memory}, which a started driver cannot take (use {@code driverMemory})
 */
@ConfigurationProperties("segmentation.spark")
@Validated
public record SparkSettings(String master, @DefaultValue("20000000") @Min(1) long minRows,
        @DefaultValue("spark-job/target/spark-job.jar") Path jobJar, @DefaultValue("2g") String driverMemory,
        @DefaultValue("0") @PositiveOrZero int partitions, Map<String, String> conf) {

    public SparkSettings {
        master = master == null || master.isBlank() ? null : master.strip();
        conf = conf == null ? Map.of() : Map.copyOf(conf);
        if (conf.containsKey("spark.driver.memory")) {
            throw new IllegalArgumentException("segmentation.spark.conf.[spark.driver.memory] cannot size a driver that "
                    + "is already started; set segmentation.spark.driver-memory instead");
        }
    }

}
