package io.customersegments.sparkjob;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The Spark application the service starts as a driver process for a run with {@code engine: SPARK}:
 * {@code java -cp spark-job.jar:lib/* io.customersegments.sparkjob.SegmentationJob SPEC.json RESULT.json}.
 *
 * <p>It reads the dataset's feature slots from PostgreSQL with Spark's JDBC source, partitioned on the row number,
 * prepares them with the parameters the service computed ({@link JobSpec.Feature}), fits MLlib's {@link KMeans} (the RDD API)
 * (k-means|| initialisation) for every k of the sweep, {@code restarts} seeds each, and writes the best start's
 * centres per k as JSON. On standard output it prints only the protocol the service follows:
 * {@code PROGRESS <fraction> <k>} after every start; Spark's own log goes to standard error, and a failure ends
 * with a line {@code JOB FAILED: <reason>} there and exit status 1.
 */
public final class SegmentationJob {

    private SegmentationJob() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("JOB FAILED: usage: SegmentationJob SPEC.json RESULT.json");
            System.exit(2);
        }
        try {
            ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            JobSpec spec = json.readValue(Path.of(args[0]).toFile(), JobSpec.class);
            // It holds the database password: gone as soon as it is read, whatever becomes of this process.
            Files.deleteIfExists(Path.of(args[0]));
            if (spec.servicePid() != null) {
                endWithService(spec.servicePid());
            }
            JobResult result = run(spec);
            Path target = Path.of(args[1]);
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            json.writeValue(partial.toFile(), result);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.exit(0);
        }
        catch (Throwable failure) {
            failure.printStackTrace();
            System.err.println("JOB FAILED: " + reason(failure));
            System.exit(1);
        }
    }

    /**
     * A driver whose service died (killed, not stopped) would run on for nothing and hold the cluster's cores: it
     * exits as soon as the service's process is gone.
     */
    static void endWithService(long servicePid) {
        Runnable end = () -> {
            System.err.println("JOB FAILED: the service that started this job (process " + servicePid + ") is gone");
            // exit, not halt: Spark's shutdown hooks stop the application and delete its local directories.
            System.exit(3);
        };
        ProcessHandle.of(servicePid).ifPresentOrElse(service -> service.onExit().thenRun(end), end);
    }

    /** The innermost message, which is the one that says what went wrong (a refused connection, a missing table). */
    static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return message.replace('\n', ' ');
    }

    /** Reads, prepares and sweeps; prints progress as it goes. */
    static JobResult run(JobSpec spec) throws IOException, java.sql.SQLException {
        SparkSession.Builder builder = SparkSession.builder()
            .appName(spec.appName() != null ? spec.appName() : "customer-segments dataset " + spec.datasetId())
            .master(spec.master())
            .config("spark.ui.enabled", "false");
        for (Map.Entry<String, String> setting : (spec.conf() == null ? Map.<String, String>of() : spec.conf()).entrySet()) {
            builder.config(setting.getKey(), setting.getValue());
        }
        SparkSession spark = builder.getOrCreate();
        try {
            long started = System.nanoTime();
            // The RDD API's k-means over vectors kept deserialised: the DataFrame API's converts every cached row
            // back into a vector on every iteration (measured at 1M rows: 12.4 s a fit against 1.8 s).
            ScreeningSample sample = ScreeningSample.of(spec);
            Read source = read(spark, spec, sample);
            JavaRDD<Vector> vectors = source.vectors().persist(StorageLevel.MEMORY_AND_DISK());
            long rows = vectors.count();
            if (rows < spec.kMax()) {
                throw new IllegalArgumentException(rows + " customers have every feature, fewer than k = " + spec.kMax());
            }
            long read = System.nanoTime();
            // The local engine's screening: with more than twice screeningSample customers, every start runs on a
            // uniform sample of about that many (its size is reported) and only the best start's centres are refined
            // on everyone. The sample is a filter of the cached vectors: a sample collected and parallelised again
            // would ship its rows inside every task of every iteration.
            boolean screened = sample.screens(rows);
            JavaRDD<Vector> starts = screened ? ScreeningSample.drawnFrom(vectors) : vectors;
            long screenedOn = screened ? starts.count() : 0;
            List<JobResult.Fit> fits = new ArrayList<>();
            int total = (spec.kMax() - spec.kMin() + 1) * (spec.restarts() + (screened ? 1 : 0));
            int done = 0;
            long iterations = 0;
            for (int k = spec.kMin(); k <= spec.kMax(); k++) {
                KMeansModel best = null;
                for (int start = 0; start < spec.restarts(); start++) {
                    KMeansModel model = kMeans(spec, k).setSeed(spec.seed() + start)
                        .setInitializationMode(KMeans.K_MEANS_PARALLEL())
                        .run(starts.rdd());
                    // numIter is Scala's private[spark], public in the bytecode: the only way to read it.
                    iterations += model.numIter();
                    if (best == null || model.trainingCost() < best.trainingCost()) {
                        best = model;
                    }
                    progress(++done, total, k);
                }
                if (screened) {
                    requireCentres(best, k);
                    best = kMeans(spec, k).setInitialModel(best).run(vectors.rdd());
                    iterations += best.numIter();
                    progress(++done, total, k);
                }
                Vector[] centres = requireCentres(best, k);
                double[][] coordinates = new double[k][];
                for (int c = 0; c < k; c++) {
                    coordinates[c] = centres[c].toArray();
                }
                fits.add(new JobResult.Fit(k, coordinates, best.trainingCost(), best.numIter()));
            }
            long fitted = System.nanoTime();
            int executors = Math.max(1, spark.sparkContext().statusTracker().getExecutorInfos().length - 1);
            return new JobResult(executors, spark.sparkContext().defaultParallelism(), rows,
                    (read - started) / 1_000_000, source.source(), (fitted - read) / 1_000_000, iterations,
                    screened ? Long.valueOf(screenedOn) : null, fits);
        }
        finally {
            spark.stop();
        }
    }

    /** The model's centres, when there are k of them (MLlib returns fewer when the points have fewer distinct values). */
    private static Vector[] requireCentres(KMeansModel model, int k) {
        Vector[] centres = model.clusterCenters();
        if (centres.length != k) {
            throw new IllegalArgumentException("MLlib returned " + centres.length + " centres for k = " + k
                    + ": the customers hold too few distinct points for this k");
        }
        return centres;
    }

    /** MLlib's k-means with the run's iteration cap and a tolerance that implies the local engine's. */
    private static KMeans kMeans(JobSpec spec, int k) {
        return new KMeans().setK(k)
            .setMaxIterations(spec.maxIterations())
            .setEpsilon(Math.sqrt(spec.absoluteTolerance() / k));
    }

    /** The protocol line the service follows. */
    private static void progress(int done, int total, int k) {
        System.out.printf(java.util.Locale.ROOT, "PROGRESS %.4f %d%n", (double) done / total, k);
        System.out.flush();
    }

    /** The customers' prepared vectors, from the dataset's columnar copy when it is complete, else from its rows. */
    static Read read(SparkSession spark, JobSpec spec, ScreeningSample sample) throws java.sql.SQLException {
        int partitions = spec.partitions() > 0 ? spec.partitions() : Math.max(2, spark.sparkContext().defaultParallelism());
        Preparer preparer = new Preparer(spec.features().toArray(new JobSpec.Feature[0]), spec.dropMissing(), sample);
        return ColumnBlocks.complete(spec) ? new Read(ColumnBlocks.read(spark, spec, partitions, preparer), "blocks")
                : new Read(readRows(spark, spec, partitions, preparer), "rows");
    }

    /** Vectors and where they were read from ({@code blocks} or {@code rows}). */
    record Read(JavaRDD<Vector> vectors, String source) {
    }

    /** The customers' prepared vectors: one JDBC query per row-number range, each row prepared where it is read. */
    static JavaRDD<Vector> readRows(SparkSession spark, JobSpec spec, int partitions, Preparer preparer) {
        StringBuilder select = new StringBuilder("(SELECT row_no");
        for (int j = 0; j < spec.features().size(); j++) {
            select.append(", numeric[").append(spec.features().get(j).slot() + 1).append("] AS f").append(j);
        }
        select.append(" FROM ").append(quoted(spec.schema())).append(".customer WHERE dataset_id = ")
            .append(spec.datasetId()).append(") AS customers");
        Dataset<Row> rows = jdbc(spark, spec, select.toString(), "row_no", 1, spec.rows() + 1, partitions, 10_000);
        return rows.javaRDD().flatMap(preparer::prepare);
    }

    /**
     * Spark's JDBC source on the service's PostgreSQL: {@code table} (a subquery) read in {@code partitions} ranges of
     * {@code column} between {@code lower} and {@code upper}, {@code fetchSize} rows a round trip.
     */
    static Dataset<Row> jdbc(SparkSession spark, JobSpec spec, String table, String column, long lower, long upper,
            int partitions, int fetchSize) {
        return spark.read().format("jdbc")
            .option("url", spec.jdbcUrl())
            .option("user", spec.user())
            .option("password", spec.password() == null ? "" : spec.password())
            .option("dbtable", table)
            .option("partitionColumn", column)
            .option("lowerBound", Long.toString(lower))
            .option("upperBound", Long.toString(upper))
            .option("numPartitions", Integer.toString(partitions))
            .option("fetchsize", Integer.toString(fetchSize))
            .load();
    }

    static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * Turns one customer row (row_no, f0, f1, ...) into its prepared vector, or none when it is left out; the vectors of
     * the customers drawn for the screening sample are its candidates.
     */
    record Preparer(JobSpec.Feature[] features, boolean dropMissing, ScreeningSample sample) implements Serializable {

        Iterator<Vector> prepare(Row row) {
            double[] raw = new double[this.features.length];
            for (int j = 0; j < raw.length; j++) {
                raw[j] = row.isNullAt(j + 1) ? Double.NaN : row.getDouble(j + 1);
            }
            Vector vector = prepare(row.getInt(0), raw);
            return vector == null ? Collections.emptyIterator() : Collections.singletonList(vector).iterator();
        }

        /** Customer {@code rowNo}'s values in the file's units (NaN where missing) prepared, or null when left out. */
        Vector prepare(long rowNo, double[] raw) {
            double[] values = new double[this.features.length];
            for (int j = 0; j < values.length; j++) {
                if (Double.isNaN(raw[j]) && this.dropMissing) {
                    return null;
                }
                values[j] = this.features[j].apply(raw[j]);
            }
            return this.sample.vector(rowNo, values);
        }

    }

}
