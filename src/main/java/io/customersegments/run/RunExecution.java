package io.customersegments.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.customersegments.clustering.Assignments;
import io.customersegments.clustering.ClusteringCancelledException;
import io.customersegments.clustering.KCriterion;
import io.customersegments.clustering.KFit;
import io.customersegments.clustering.KSweep;
import io.customersegments.clustering.Silhouette;
import io.customersegments.clustering.SilhouetteOptions;
import io.customersegments.clustering.SilhouetteResult;
import io.customersegments.clustering.SweepOptions;
import io.customersegments.clustering.SweepResult;
import io.customersegments.dataset.DatasetColumn;
import io.customersegments.dataset.Datasets;
import io.customersegments.dataset.FeatureTable;
import io.customersegments.lifetime.LifetimeValues;
import io.customersegments.preparation.FeaturePreparation;
import io.customersegments.preparation.PreparedData;
import io.customersegments.profile.SegmentDescriber;
import io.customersegments.profile.SegmentProfile;
import io.customersegments.spark.SparkJobException;
import io.customersegments.run.RunRequest.Method;
import io.customersegments.web.DatabaseFailures;

/**
 * One run from start to finish: load the features, apply the policies, sweep k, profile, name and
 * recommend, and store segments and assignments in one transaction.
 */
@Component
class RunExecution {

    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

    /** Progress given to loading and preparing; the sweep takes it to 0.9, storing to 1. */
    private static final double LOADED = 0.1;

    private static final double SWEPT = 0.9;

    /** How long a failed run waits for the database to record why it failed. */
    private static final Duration FAILURE_WRITE_PATIENCE = Duration.ofMinutes(5);

    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(15);

    private final RunRepository runs;

    private final SegmentStore segments;

    private final Datasets datasets;

    private final SegmentDescriber describer;

    private final TransactionTemplate transactions;

    private final ApplicationEventPublisher events;

    private final RunSettings settings;

    private final MeterRegistry meters;

    private final SparkRuns sparkRuns;

    RunExecution(RunRepository runs, SegmentStore segments, Datasets datasets, SegmentDescriber describer,
            TransactionTemplate transactions, ApplicationEventPublisher events, RunSettings settings,
            MeterRegistry meters, SparkRuns sparkRuns) {
        this.sparkRuns = sparkRuns;
        this.meters = meters;
        this.settings = settings;
        this.events = events;
        this.runs = runs;
        this.segments = segments;
        this.datasets = datasets;
        this.describer = describer;
        this.transactions = transactions;
    }

    /**
     * Executes a run this instance has claimed (its {@code attempt}-th claim): what it stores or records as failed
     * counts only while the run is still RUNNING in that same attempt, so an execution that lost its claim (its lease
     * ran out and another instance took the run over) can never overwrite the other's work.
     */
    void execute(long id, int attempt, BooleanSupplier cancelled) {
        RunParameters params = transactions.execute(status -> runs.findById(id)
            .filter(run -> run.getStatus() == RunStatus.RUNNING && run.getAttempt() == attempt)
            .map(Run::getParams)
            .orElse(null));
        if (params == null) {
            return;
        }
        try {
            run(id, attempt, params, cancelled);
        }
        catch (ClusteringCancelledException ex) {
            // The queue that stopped it says why (cancelled, taken over, the service stopping).
            log.debug("Run {} stopped before it finished", id);
        }
        catch (RuntimeException ex) {
            if (cancelled.getAsBoolean()) {
                log.debug("Run {} stopped before it finished ({})", id, ex.toString());
                return;
            }
            log.warn("Run {} failed", id, ex);
            fail(id, params.datasetId(), attempt,
                    ex instanceof IllegalArgumentException || ex instanceof SparkJobException ? ex.getMessage()
                    : DatabaseFailures.isUnavailable(ex) ? "The database could not be reached to read the data or "
                            + "store the result; nothing was stored. Start the run again."
                    : "The run failed unexpectedly (" + ex.getClass().getSimpleName() + "); see the service log.");
        }
        catch (OutOfMemoryError ex) {
            // Only reached without -XX:+ExitOnOutOfMemoryError; the run's arrays are unreachable by now.
            log.error("Run {} ran out of memory", id, ex);
            fail(id, params.datasetId(), attempt, "The run needed more memory than the service has (maximum heap " + Runtime.getRuntime().maxMemory()
                    / (1024 * 1024) + " MB). Use fewer rows or features, a smaller k range, or give the service more "
                    + "memory.");
        }
        catch (Error ex) {
            log.error("Run {} failed with an error", id, ex);
            fail(id, params.datasetId(), attempt, "The run failed unexpectedly (" + ex.getClass().getSimpleName() + "); see the service log.");
            throw ex;
        }
    }

    /** Seconds the phases of successful runs took (Prometheus: segmentation_run_phase_seconds{phase=...}). */
    private Timer phaseTimer(String phase) {
        return Timer.builder("segmentation.run.phase").description("Time a successful run spent in each phase")
            .tag("phase", phase)
            .register(meters);
    }

    /** What a run computed, ready to be stored. */
    private record Outcome(List<SegmentProfile> profiles, int k, int[] labels, double[] distances,
            double[] secondDistances, short[] rfmScores, RunModel model, SelectionReport selection,
            MixtureRuns.Fitted mixture, DriftReport drift) {

        Outcome(List<SegmentProfile> profiles, int k, int[] labels, double[] distances, double[] secondDistances,
                short[] rfmScores, RunModel model, SelectionReport selection, MixtureRuns.Fitted mixture) {
            this(profiles, k, labels, distances, secondDistances, rfmScores, model, selection, mixture, null);
        }

    }

    /** The finished run whose model a scoring run applies: its parameters, model and segments. */
    private record ModelRun(long id, long datasetId, long lineageId, RunParameters params, RunModel model,
            List<SegmentView> segments) {
    }

    private void run(long id, int attempt, RunParameters params, BooleanSupplier cancelled) {
        long started = System.nanoTime();
        RunFeatures features = params.resolve(datasets);
        ModelRun modelRun = params.scoredFrom() == null ? null : modelRun(params.scoredFrom());
        // The training customers first: only their summary stays in memory beside the scored ones.
        DriftCheck.Population training = modelRun == null ? null : population(modelRun, cancelled);
        FeatureTable table = features.load(datasets);
        long read = System.nanoTime();
        PreparedData data = modelRun == null ? FeaturePreparation.prepare(table, params.preparation(features))
                : FeaturePreparation.apply(table, modelRun.model().transforms(), modelRun.model().categories(),
                        params.missing());
        if (modelRun != null && data.n() == 0) {
            throw new IllegalArgumentException("No customer of dataset " + params.datasetId() + " has every feature "
                    + "the model needs (missing values are dropped under the run's DROP policy): nothing to score.");
        }
        if (modelRun == null && data.n() < (params.method() == Method.RFM ? RfmRuns.MIN_CUSTOMERS : params.kMax())) {
            throw new IllegalArgumentException(data.n() + " rows are left after the missing-value and outlier "
                    + "policies, fewer than " + (params.method() == Method.RFM ? "RFM's quintiles need ("
                            + RfmRuns.MIN_CUSTOMERS + ")" : "k = " + params.kMax()));
        }
        progress(id, LOADED, modelRun != null ? "assigning with the model of run " + modelRun.id()
                : params.method() == Method.RFM ? "scoring recency, frequency and spend"
                : "trying k = " + params.kMin() + (params.fixedK() ? "" : " (of " + params.kMin() + " to " + params.kMax() + ")"));
        long loaded = System.nanoTime();
        Outcome outcome = modelRun != null ? score(params, modelRun, training, table, data, cancelled)
                : params.method() == Method.RFM ? rfm(table, data)
                : cluster(id, params, features, table, data, cancelled);
        long clustered = System.nanoTime();
        progress(id, SWEPT, "storing the segments");
        ChartSample chartSample = ChartSample.of(table, data, outcome.labels(), outcome.k(), params.seed(),
                rowNos -> datasets.externalIds(params.datasetId(), rowNos));
        List<String> warnings = RunWarnings.of(data, outcome.labels(), outcome.profiles(), outcome.model().centroids(),
                outcome.selection() == null ? null : outcome.selection().chosenSilhouette(), outcome.model().mixture(),
                params.method() == Method.RFM);
        SegmentValue[] values = values(params.datasetId(), data, outcome);
        int[] rowNos = new int[data.n()];
        for (int i = 0; i < data.n(); i++) {
            rowNos[i] = table.rowNos()[data.rows()[i]];
        }
        long sampled = System.nanoTime();
        boolean stored = Boolean.TRUE.equals(transactions.execute(status -> {
            // Dataset first, then the run: the order in which a dataset's deletion takes them.
            if (!datasets.lockAgainstDeletion(params.datasetId())) {
                return false;
            }
            Run run = runs.lockById(id).orElse(null);
            if (run == null || run.getStatus() != RunStatus.RUNNING || run.getAttempt() != attempt) {
                return false;
            }
            segments.insert(id, outcome.profiles(), values);
            segments.insertAssignments(id, new AssignmentBlocks.Assigned(outcome.k(), rowNos, outcome.labels(),
                    outcome.distances(), outcome.secondDistances(), outcome.rfmScores(), outcome.mixture()));
            segments.insertChartSample(id, chartSample);
            Map<String, Long> timings = new LinkedHashMap<>();
            timings.put("loadMillis", (read - started) / 1_000_000);
            timings.put("prepareMillis", (loaded - read) / 1_000_000);
            timings.put("clusterMillis", (clustered - loaded) / 1_000_000);
            timings.put("sampleMillis", (sampled - clustered) / 1_000_000);
            timings.put("storeMillis", (System.nanoTime() - sampled) / 1_000_000);
            run.succeed(outcome.model(), outcome.selection(), data.n(),
                    new RowsDropped(data.droppedMissing(), data.droppedOutliers()), timings, warnings, outcome.drift());
            boolean drifted = outcome.drift() != null && outcome.drift().driftDetected();
            if (drifted) {
                events.publishEvent(new DriftDetected(params.datasetId(), id, outcome.drift(), Instant.now()));
            }
            if (run.isAutoPublish() && !drifted) {
                events.publishEvent(new AutoPublishDue(id, run.getLineageId()));
            }
            events.publishEvent(new RunResultsChanged(params.datasetId(), run.getLineageId()));
            return true;
        }));
        if (stored) {
            phaseTimer("load").record(read - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            phaseTimer("prepare").record(loaded - read, java.util.concurrent.TimeUnit.NANOSECONDS);
            phaseTimer("cluster").record(clustered - loaded, java.util.concurrent.TimeUnit.NANOSECONDS);
            phaseTimer("sample").record(sampled - clustered, java.util.concurrent.TimeUnit.NANOSECONDS);
            phaseTimer("store").record(System.nanoTime() - sampled, java.util.concurrent.TimeUnit.NANOSECONDS);
            log.info("Run {} succeeded: {} segments of {} rows", id, outcome.k(), data.n());
        }
        else {
            log.info("Run {}'s result was not stored: the run is no longer RUNNING in this instance's claim (cancelled, "
                    + "deleted with its dataset, or taken over by another instance)", id);
        }
    }

    /**
     * What each segment's customers are worth, when the dataset has lifetime-value columns (a fit of
     * POST /api/datasets/{id}/lifetime-value); else null.
     */
    private SegmentValue[] values(long datasetId, PreparedData data, Outcome outcome) {
        List<DatasetColumn> columns = datasets.columns(datasetId);
        boolean fitted = columns.stream().anyMatch(c -> c.key().equals(LifetimeValues.CLV))
                && columns.stream().anyMatch(c -> c.key().equals(LifetimeValues.P_ALIVE));
        if (!fitted) {
            return null;
        }
        FeatureTable value = datasets.loadFeatures(datasetId,
                datasets.resolveColumns(datasetId, List.of(LifetimeValues.CLV, LifetimeValues.P_ALIVE)));
        double[] clv = new double[data.n()];
        double[] alive = new double[data.n()];
        for (int i = 0; i < data.n(); i++) {
            int row = data.rows()[i];
            clv[i] = value.values()[row * 2];
            alive[i] = value.values()[row * 2 + 1];
        }
        return SegmentValue.of(outcome.labels(), outcome.k(), clv, alive);
    }

    private Outcome cluster(long id, RunParameters params, RunFeatures features, FeatureTable table, PreparedData data,
            BooleanSupplier cancelled) {
        Object[] reported = { LOADED, null };
        boolean mixture = params.method() == Method.GAUSSIAN_MIXTURE;
        // A mixture's k-means starts take the first half of the sweep's progress, its EM fits the second.
        double swept = mixture ? (LOADED + SWEPT) / 2 : SWEPT;
        // A mixture's segments are not the k-means fits', so their stability would say nothing: it is not measured.
        SweepOptions options = mixture ? sweepOptions(params).withStabilityFits(0) : sweepOptions(params);
        String range = params.fixedK() ? "" : " (of " + params.kMin() + " to " + params.kMax() + ")";
        // The loaded table holds every row of the dataset (row numbers 1..n), as many as the job will read.
        long rows = table.n();
        SparkRuns.Sweep spark = sparkRuns.chosen(params, features, rows)
                ? sparkRuns.sweep(id, params, features, rows, data, options,
                        fraction -> reportProgress(id, reported, LOADED + (swept - LOADED) * fraction,
                                fraction < 0.9 ? "fitting k = " + params.kMin() + " to " + params.kMax() + " on Spark"
                                        : "measuring the Spark fits"),
                        cancelled)
                : null;
        SweepResult sweep = spark != null ? spark.result()
                : KSweep.run(data.scaled(), data.n(), data.dimensions(), options, params.seed(), fraction -> {
                    OptionalInt k = KSweep.kAt(options, fraction);
                    reportProgress(id, reported, LOADED + (swept - LOADED) * fraction,
                            k.isPresent() ? "trying k = " + k.getAsInt() + range : "checking the stability of the best k");
                }, cancelled);
        if (mixture) {
            return mixture(id, params, features, table, data, sweep, screenedOn(options, data.n()), reported,
                    cancelled);
        }
        KFit chosen = sweep.chosen();
        Assignments assignments = chosen.model().assign(data.scaled(), data.n());
        List<SegmentProfile> profiles = describer.describe(table, data, assignments.labels(), chosen.k(),
                chosen.model().centroids(), chosen.silhouette().clusterMeans());
        return new Outcome(profiles, chosen.k(), assignments.labels(), assignments.distances(),
                assignments.secondDistances(), null,
                new RunModel(data.transforms(), chosen.k(), chosen.model().centroids(), null, params.derived(),
                        features.derivedInputs(), data.categories(), null),
                report(sweep, spark != null ? spark.screenedOn() : screenedOn(options, data.n()), spark), null);
    }

    private Outcome mixture(long id, RunParameters params, RunFeatures features, FeatureTable table, PreparedData data,
            SweepResult sweep, Integer screenedOn, Object[] reported, BooleanSupplier cancelled) {
        double from = (double) reported[0];
        int fits = sweep.fits().size();
        MixtureRuns.Fitted fitted = MixtureRuns.fit(data, sweep, settings.mixtureFitRows(), params.seed(),
                fraction -> reportProgress(id, reported, from + (SWEPT - from) * fraction, "fitting the mixture of k = "
                        + sweep.fits().get(Math.min(fits - 1, (int) Math.round(fraction * fits))).k()),
                cancelled);
        List<SegmentProfile> profiles = describer.describe(table, data, fitted.labels(), fitted.k(), fitted.means(), null);
        SelectionReport kMeans = report(sweep, screenedOn);
        List<SelectionReport.KMetrics> perK = new ArrayList<>();
        for (int f = 0; f < kMeans.perK().size(); f++) {
            SelectionReport.KMetrics metrics = kMeans.perK().get(f);
            perK.add(new SelectionReport.KMetrics(metrics.k(), metrics.inertia(), metrics.silhouette(),
                    metrics.silhouetteCiLow(), metrics.silhouetteCiHigh(), metrics.calinskiHarabasz(),
                    metrics.daviesBouldin(), Double.isNaN(fitted.bic()[f]) ? null : fitted.bic()[f]));
        }
        SilhouetteResult separation = Silhouette.of(data.scaled(), data.n(), data.dimensions(), fitted.labels(),
                fitted.k(), SilhouetteOptions.defaults(), params.seed());
        SelectionReport selection = new SelectionReport(perK, kMeans.elbowK(), kMeans.silhouetteK(), fitted.k(), "BIC",
                MixtureRuns.reason(sweep.fits(), fitted.bic(), fitted.k()), null, separation.exact(),
                separation.sampleSize(), fitted.fitRows(), separation.mean(), screenedOn, SparkRuns.name(false), null);
        return new Outcome(profiles, fitted.k(), fitted.labels(), fitted.distances(), fitted.secondDistances(), null,
                new RunModel(data.transforms(), fitted.k(), fitted.means(), null, params.derived(),
                        features.derivedInputs(), data.categories(), fitted.model()),
                selection, fitted);
    }

    /** The finished run a scoring run applies; fails the scoring run when it is gone or did not succeed. */
    private ModelRun modelRun(long modelRunId) {
        ModelRun found = transactions.execute(status -> runs.findById(modelRunId)
            .filter(run -> run.getStatus() == RunStatus.SUCCEEDED)
            .map(run -> new ModelRun(run.getId(), run.getDatasetId(), run.getLineageId(), run.getParams(),
                    run.getModel(), segments.segments(run.getId(), run.getModel())))
            .orElse(null));
        if (found == null) {
            throw new IllegalArgumentException("Run " + modelRunId + ", whose model this run applies, was deleted "
                    + "before it started: score with another run.");
        }
        return found;
    }

    /** The model applied to the customers it was trained on (the model run's dataset, as it is stored). */
    private DriftCheck.Population population(ModelRun modelRun, BooleanSupplier cancelled) {
        FeatureTable table = modelRun.params().resolve(datasets).load(datasets);
        PreparedData data = FeaturePreparation.apply(table, modelRun.model().transforms(), modelRun.model().categories(),
                modelRun.params().missing());
        ModelScoring.Scored placed = ModelScoring.assign(modelRun.model(), data, cancelled);
        return DriftCheck.Population.of(table, data, modelRun.model(), placed.labels(), placed.distances());
    }

    /**
     * A scoring run: the model run's centres assign the customers (no retraining), its segments keep their names and
     * recommendations (and, on a version of the model run's table, their keys) with the new customers' profiles and
     * descriptions, and the customers are compared with those the model was trained on, both placed by the model alike.
     */
    private Outcome score(RunParameters params, ModelRun modelRun, DriftCheck.Population training, FeatureTable table,
            PreparedData data, BooleanSupplier cancelled) {
        RunModel model = modelRun.model();
        ModelScoring.Scored assigned = ModelScoring.assign(model, data, cancelled);
        DriftReport drift = DriftCheck.compare(modelRun.id(), modelRun.datasetId(), training,
                DriftCheck.Population.of(table, data, model, assigned.labels(), assigned.distances()), model,
                modelRun.segments(), settings.driftPsi(), settings.driftSharePoints());
        // Another table's segments get keys of their own: a key names one segment of one table.
        boolean sameTable = datasets.lineageOf(params.datasetId()) == modelRun.lineageId();
        List<SegmentDescriber.KnownSegment> known = modelRun.segments().stream()
            .map(segment -> new SegmentDescriber.KnownSegment(sameTable ? segment.key() : null, segment.name(),
                    segment.recommendations()))
            .toList();
        List<SegmentProfile> profiles = describer.describeKnown(table, data, assigned.labels(), model.centroids(), known);
        return new Outcome(profiles, model.k(), assigned.labels(), assigned.distances(), assigned.secondDistances(),
                null, model, null, assigned.mixture(), drift);
    }

    /** One write per percent (or change of phase) is enough for a progress bar and spares the database. */
    private void reportProgress(long id, Object[] reported, double progress, String phase) {
        if (progress - (double) reported[0] >= 0.01 || !phase.equals(reported[1])) {
            reported[0] = progress;
            reported[1] = phase;
            progress(id, progress, phase);
        }
    }

    private Outcome rfm(FeatureTable table, PreparedData data) {
        RfmRuns.Scored scored = RfmRuns.score(data);
        List<SegmentProfile> profiles = describer.describeFixed(table, data, scored.labels(), scored.centroids(),
                scored.segments());
        return new Outcome(profiles, scored.segments().size(), scored.labels(), scored.distances(),
                scored.secondDistances(), scored.codes(),
                new RunModel(data.transforms(), scored.segments().size(), scored.centroids(), scored.model(), null, null, null, null),
                null, null);
    }

    /**
     * Records a failure, retrying while the database is away (the reason is worth waiting for); if it
     * never comes back in time, the run's lease runs out and the queue runs it again (and fails it after its last
     * attempt).
     */
    private void fail(long id, long datasetId, int attempt, String reason) {
        Duration wait = Duration.ofMillis(250);
        Instant giveUp = Instant.now().plus(FAILURE_WRITE_PATIENCE);
        while (true) {
            try {
                transactions.executeWithoutResult(status -> {
                    Instant now = Instant.now();
                    if (runs.failAttempt(id, attempt, reason, now) == 1) {
                        events.publishEvent(new RunFailed(datasetId, id, reason, now));
                    }
                });
                return;
            }
            catch (RuntimeException ex) {
                if (!DatabaseFailures.isUnavailable(ex) && !(ex instanceof TransientDataAccessException)) {
                    throw ex;
                }
                if (Instant.now().plus(wait).isAfter(giveUp)) {
                    log.error("Could not record that run {} failed; its lease will run out and the queue decide", id, ex);
                    return;
                }
                log.warn("Could not record that run {} failed ({}); trying again in {} ms", id, ex.getMessage(),
                        wait.toMillis());
                try {
                    Thread.sleep(wait.toMillis());
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : wait.multipliedBy(2);
            }
        }
    }

    private static SweepOptions sweepOptions(RunParameters params) {
        KCriterion criterion = params.selection() == RunRequest.Selection.ELBOW ? KCriterion.ELBOW
                : KCriterion.SILHOUETTE;
        return SweepOptions.defaults()
            .withRange(params.kMin(), params.kMax())
            .withCriterion(criterion)
            .withRestarts(params.restarts())
            .withScreeningSample(params.screeningSample());
    }

    /** The rows each k's restarts were screened on, when they were; else null. */
    private static Integer screenedOn(SweepOptions options, int rows) {
        return options.screens(rows) ? options.screeningSample() : null;
    }

    private static SelectionReport report(SweepResult sweep, Integer screenedOn) {
        return report(sweep, screenedOn, null);
    }

    /** The report of a sweep; {@code spark} says what the Spark job ran on when the fits were made there. */
    private static SelectionReport report(SweepResult sweep, Integer screenedOn, SparkRuns.Sweep spark) {
        List<SelectionReport.KMetrics> perK = sweep.fits()
            .stream()
            .map(fit -> new SelectionReport.KMetrics(fit.k(), fit.inertia(), fit.silhouetteMean(),
                    fit.silhouette().ciLow(), fit.silhouette().ciHigh(), fit.calinskiHarabasz(), fit.daviesBouldin()))
            .toList();
        KFit chosen = sweep.chosen();
        return new SelectionReport(perK, sweep.elbow().k().isPresent() ? sweep.elbow().k().getAsInt() : null,
                sweep.silhouetteK(), sweep.chosenK(), sweep.criterion().name(), sweep.reason(),
                Double.isNaN(sweep.stability()) ? null : sweep.stability(),
                chosen.silhouette().exact(), chosen.silhouette().sampleSize(), null, null, screenedOn,
                SparkRuns.name(spark != null), spark == null ? null : spark.executors());
    }

    /** Best effort: a run goes on while the database is briefly away; only its result must be stored. */
    private void progress(long id, double fraction, String phase) {
        try {
            transactions.executeWithoutResult(status -> runs.updateProgress(id, Math.min(1, fraction), phase,
                    Instant.now()));
        }
        catch (RuntimeException ex) {
            if (!DatabaseFailures.isUnavailable(ex)) {
                throw ex;
            }
            log.warn("Run {}: progress {} not recorded, the database is unreachable ({})", id, fraction, ex.getMessage());
        }
    }

}
