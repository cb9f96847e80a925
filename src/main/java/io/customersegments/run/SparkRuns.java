package io.customersegments.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

import org.springframework.stereotype.Component;

import io.customersegments.clustering.KSweep;
import io.customersegments.clustering.SweepOptions;
import io.customersegments.clustering.SweepResult;
import io.customersegments.preparation.FeatureTransform;
import io.customersegments.preparation.MissingPolicy;
import io.customersegments.preparation.OutlierPolicy;
import io.customersegments.preparation.PreparedData;
import io.customersegments.run.RunRequest.Engine;
import io.customersegments.run.RunRequest.Method;
import io.customersegments.spark.SparkEngine;
import io.customersegments.spark.SparkFeature;
import io.customersegments.spark.SparkJobException;
import io.customersegments.spark.SparkJobRequest;
import io.customersegments.spark.SparkJobResult;

/**
 * Runs whose k sweep goes to Spark: which runs may (k-means on numeric dataset columns, with the preparation a job
 * can repeat row by row), which do under {@code engine: AUTO}, and the sweep itself. The service prepares the
 * features as for a local run, so every parameter (medians, clip fences, log transforms, centres and scales) is
 * computed once and handed to the job; the job fits every k on the cluster and returns its centres; the silhouettes
 * on the service's stratified sample, the metrics, the elbow and the choice of k are then the local engine's own.
 */
@Component
class SparkRuns {

    private final SparkEngine engine;

    SparkRuns(SparkEngine engine) {
        this.engine = engine;
    }

    /** Why these parameters cannot run on Spark, or empty when they can. */
    static Optional<String> unsupported(Method method, RunFeatures features, List<DerivedFeature> derived,
            OutlierPolicy outliers) {
        if (method != Method.KMEANS) {
            return Optional.of("Spark runs k-means only; a " + method + " run is LOCAL");
        }
        if (!derived.isEmpty()) {
            return Optional.of("a Spark job reads the dataset's own columns; derived features (" + derived.size()
                    + ") run LOCAL");
        }
        if (!features.categoricalNames().isEmpty()) {
            return Optional.of("a Spark job clusters numeric columns; categorical features ("
                    + String.join(", ", features.categoricalNames()) + ") run LOCAL");
        }
        if (outliers == OutlierPolicy.DROP) {
            return Optional.of("outliers DROP runs LOCAL (a Spark job applies KEEP or CLIP)");
        }
        return Optional.empty();
    }

    /** Why the service cannot start Spark jobs (no master, no job jar), or empty when it can. */
    Optional<String> unavailable() {
        return this.engine.unavailable();
    }

    /** Whether this run's sweep goes to Spark: asked for, or AUTO with a master, a large dataset and a run it can take. */
    boolean chosen(RunParameters params, RunFeatures features, long rows) {
        return switch (params.engine()) {
            case LOCAL -> false;
            case SPARK -> true;
            case AUTO -> this.engine.unavailable().isEmpty() && rows > this.engine.minRows()
                    && unsupported(params.method(), features, params.derived(), params.outliers()).isEmpty();
        };
    }

    /** The engine a stored run ran on, as its report names it. */
    static String name(boolean spark) {
        return spark ? Engine.SPARK.name() : Engine.LOCAL.name();
    }

    /** What the Spark job did, for the run report. */
    record Sweep(SweepResult result, int executors, int parallelism, Integer screenedOn) {
    }

    /**
     * Fits every k on Spark and completes the sweep here.
     *
     * @param progress hears the fraction done: the job's starts take the first 0.9, the silhouettes the rest
     */
    Sweep sweep(long runId, RunParameters params, RunFeatures features, long rows, PreparedData data,
            SweepOptions options, DoubleConsumer progress, BooleanSupplier cancelled) {
        Optional<String> refused = unsupported(params.method(), features, params.derived(), params.outliers());
        if (refused.isPresent()) {
            throw new IllegalArgumentException("This run cannot go to Spark: " + refused.get() + ".");
        }
        List<SparkFeature> prepared = new ArrayList<>();
        for (int j = 0; j < data.transforms().size(); j++) {
            FeatureTransform transform = data.transforms().get(j);
            prepared.add(new SparkFeature(features.numeric().get(j).index(), transform.median(), transform.clipLow(),
                    transform.clipHigh(), transform.log(), transform.center(), transform.scale()));
        }
        double tolerance = KSweep.absoluteTolerance(data.scaled(), data.n(), data.dimensions(), options.tolerance());
        SparkJobRequest request = new SparkJobRequest(runId, params.datasetId(), rows, prepared,
                params.missing() == MissingPolicy.DROP, options.kMin(), options.kMax(), options.restarts(), params.seed(),
                options.maxIterations(), tolerance, options.screeningSample());
        SparkJobResult result = this.engine.run(request, (fraction, k) -> progress.accept(0.9 * fraction), cancelled);
        if (result.rows() != data.n()) {
            throw new SparkJobException("The Spark job read " + result.rows() + " customers with every feature, "
                    + "the service " + data.n() + ": the dataset changed while the run was going");
        }
        List<double[]> centres = centres(result, options, data.dimensions());
        int[] iterations = result.fits().stream().mapToInt(SparkJobResult.Fit::iterations).toArray();
        SweepResult sweep = KSweep.fromCentres(data.scaled(), data.n(), data.dimensions(), options.withStabilityFits(0),
                params.seed(), centres, iterations, fraction -> progress.accept(0.9 + 0.1 * fraction), cancelled);
        requireSameCost(result, sweep);
        return new Sweep(sweep, result.executors(), result.parallelism(), result.screenedOn());
    }

    /** Each k's centres, flat; checked to be the sweep's k, k rows of d coordinates each. */
    private static List<double[]> centres(SparkJobResult result, SweepOptions options, int d) {
        List<double[]> centres = new ArrayList<>();
        for (int k = options.kMin(); k <= options.kMax(); k++) {
            int index = k - options.kMin();
            SparkJobResult.Fit fit = index < result.fits().size() ? result.fits().get(index) : null;
            if (fit == null || fit.k() != k || fit.centres() == null || fit.centres().length != k) {
                throw new SparkJobException("The Spark job's result has no " + k + " centres for k = " + k
                        + ": is the job's jar of this service's version?");
            }
            double[] flat = new double[k * d];
            for (int c = 0; c < k; c++) {
                if (fit.centres()[c] == null || fit.centres()[c].length != d) {
                    throw new SparkJobException("The Spark job's centres for k = " + k + " do not have the run's " + d
                            + " dimensions: is the job's jar of this service's version?");
                }
                System.arraycopy(fit.centres()[c], 0, flat, c * d, d);
            }
            centres.add(flat);
        }
        return centres;
    }

    /** How far the job's cost of a fit may be from the service's inertia of the same centres (MLlib's is measured
     * before its last centre update; a preparation that differed would be off by far more). */
    static final double COST_AGREEMENT = 0.01;

    /**
     * The job prepared the rows as the service did: its cost of each fit is the service's inertia of the same centres
     * on the service's rows (the two projects cannot share the preparation's code, so this is checked every run).
     */
    private static void requireSameCost(SparkJobResult result, SweepResult sweep) {
        for (int f = 0; f < result.fits().size(); f++) {
            double cost = result.fits().get(f).cost();
            double inertia = sweep.fits().get(f).inertia();
            if (!(Math.abs(cost - inertia) <= COST_AGREEMENT * Math.max(inertia, Double.MIN_NORMAL))) {
                throw new SparkJobException(String.format(java.util.Locale.ROOT, "The Spark job's fit of k = %d costs "
                        + "%.6g on its rows, the same centres %.6g on the service's: the job prepared the customers "
                        + "differently (is its jar of this service's version?)", sweep.fits().get(f).k(), cost,
                        inertia));
            }
        }
    }

}
