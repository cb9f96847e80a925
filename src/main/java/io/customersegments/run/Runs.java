package io.customersegments.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.customersegments.dataset.ColumnRole;
import io.customersegments.dataset.DatasetColumn;
import io.customersegments.preparation.Preparation;
import io.customersegments.dataset.Datasets;
import io.customersegments.dataset.FeatureTable;
import io.customersegments.preparation.CategoryEncoding;
import io.customersegments.preparation.FeatureTransform;
import io.customersegments.preparation.MissingPolicy;
import io.customersegments.preparation.OutlierPolicy;
import io.customersegments.preparation.Scaling;
import io.customersegments.rfm.RfmSegment;
import io.customersegments.run.RunRequest.Method;
import io.customersegments.web.PageView;

/** The run module's public face: start, follow, cancel and publish runs. */
@Service
public class Runs {

    private final RunRepository runs;

    private final SegmentStore segments;

    private final Datasets datasets;

    private final RunQueue queue;

    private final RunSettings settings;

    private final ApplicationEventPublisher events;

    private final PublishLock publishLock;

    private final SparkRuns sparkRuns;

    Runs(RunRepository runs, SegmentStore segments, Datasets datasets, RunQueue queue,
            RunSettings settings, ApplicationEventPublisher events, PublishLock publishLock, SparkRuns sparkRuns) {
        this.sparkRuns = sparkRuns;
        this.events = events;
        this.publishLock = publishLock;
        this.runs = runs;
        this.segments = segments;
        this.datasets = datasets;
        this.queue = queue;
        this.settings = settings;
    }

    /** The features of an RFM run unless the request names others: those of a dataset derived from order lines. */
    static final List<String> RFM_FEATURES = List.of("recency_days", "frequency", "monetary");

    /** What each of an RFM run's three features is scored as, in order. */
    private static final List<String> RFM_ROLES = List.of("recency", "frequency", "monetary value");

    private static final int RFM_MIN_CUSTOMERS = 5;

    /** Columns the categories of one categorical feature may take in the clustering space at most. */
    static final int MAX_CATEGORY_COLUMNS = 1_000;

    /** Checks the request, stores the run as QUEUED and queues it. */
    public RunView submit(RunRequest request) {
        return enqueue(validate(request));
    }

    /** Stores a run as QUEUED and tells the queue. */
    private RunView enqueue(RunParameters params) {
        Run run = runs.save(new Run(params, datasets.lineageOf(params.datasetId())));
        queue.submit(run.getId());
        return RunView.of(run, List.of());
    }

    /**
     * Queues a scoring run: the model of finished run {@code runId} (for a scoring run, of the run that trained it)
     * assigns the customers of the request's dataset, which must have the model's columns, of the same kinds.
     */
    public RunView score(long runId, ScoreRequest request) {
        Run named = runs.findById(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (named.getStatus() != RunStatus.SUCCEEDED) {
            throw new RunStateException(runId, named.getStatus(), "Only a SUCCEEDED run's model can score "
                    + "customers; run " + runId + " is " + named.getStatus() + ".");
        }
        // A scoring run's model is the run's that trained it: drift is always measured against that run's customers.
        Run model = runs.findModelRun(named)
            .orElseThrow(() -> new RunStateException(runId, named.getStatus(), "The run's model is gone", "Run " + runId
                    + " scored with the model of run " + named.getParams().scoredFrom() + ", which was deleted since: "
                    + "score with a run that trained its own model."));
        long modelRunId = model.getId();
        if (model.getParams().method() == Method.RFM) {
            // Edges cannot score ties as the run's first-come ranks did: the same customers would land elsewhere.
            throw new InvalidRunRequestException(List.of(InvalidRunRequestException.error("id", "run " + modelRunId
                    + " is an RFM run, whose scores are quintiles of its own customers (ties ranked first-come); "
                    + "start an RFM run on the new customers instead (POST /api/segmentations {datasetId, method: "
                    + "RFM})")));
        }
        if (request == null || request.datasetId() == null) {
            throw new InvalidRunRequestException(List.of(InvalidRunRequestException.error("datasetId",
                    "name the dataset whose customers to score")));
        }
        long datasetId = datasets.customersOf(request.datasetId());
        RunParameters params = model.getParams().scoring(datasetId, modelRunId);
        RunFeatures.checkNames(datasets, datasetId, params.derived());
        RunFeatures features = RunFeatures.resolve(datasets, datasetId, params.features(), params.derived());
        RunModel stored = model.getModel();
        List<String> numeric = stored.transforms().stream().map(FeatureTransform::key).toList();
        List<String> categorical = stored.categories().stream().map(CategoryEncoding::key).toList();
        List<String> numericNow = features.numeric().stream().map(DatasetColumn::key).toList();
        List<String> categoricalNow = features.categorical().stream().map(DatasetColumn::key).toList();
        if (!numeric.equals(numericNow) || !categorical.equals(categoricalNow)) {
            throw new InvalidRunRequestException(List.of(InvalidRunRequestException.error("datasetId", "dataset "
                    + datasetId + " has the model's columns but not of the same kinds: the model reads " + numeric
                    + " as numbers and " + categorical + " as categories, the dataset has " + numericNow + " and "
                    + categoricalNow)));
        }
        return enqueue(params);
    }

    private RunParameters validate(RunRequest request) {
        if (request.method() != null && request.algorithm() != null) {
            throw new InvalidRunRequestException(List.of(InvalidRunRequestException.error("method", "method and "
                    + "algorithm (its former name) are both given; give method only")));
        }
        Method method = request.methodAsked() != null ? request.methodAsked() : Method.KMEANS;
        if (method == Method.RFM) {
            return validateRfm(request);
        }
        if (request.features() == null || request.features().isEmpty()) {
            throw new InvalidRunRequestException(List.of(InvalidRunRequestException.error("features",
                    "name at least one column or derived feature to cluster on")));
        }
        long datasetId = request.datasetId();
        List<DerivedFeature> derived = request.derived() == null ? List.of() : List.copyOf(request.derived());
        RunFeatures.checkNames(datasets, datasetId, derived);
        RunFeatures features = RunFeatures.resolve(datasets, datasetId, request.features(), derived);
        List<Map<String, String>> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : request.features()) {
            if (!seen.add(features.key(name))) {
                errors.add(InvalidRunRequestException.error("features", "feature \"" + name + "\" is named twice"));
            }
        }
        Map<String, Double> weights = request.weights() == null ? Map.of() : Map.copyOf(request.weights());
        if (method == Method.GAUSSIAN_MIXTURE && !features.categoricalNames().isEmpty()) {
            errors.add(InvalidRunRequestException.error("features", "a Gaussian mixture models numeric features; "
                    + "categorical ones (" + String.join(", ", features.categoricalNames()) + ") would make each "
                    + "category a segment of zero spread. Use k-means for them, or a derived number"));
        }
        if (method == Method.GAUSSIAN_MIXTURE && !weights.isEmpty()) {
            errors.add(InvalidRunRequestException.error("weights", "a Gaussian mixture fits each segment's own spread "
                    + "on every feature, so weights would not change it; leave them out"));
        }
        for (String weighted : weights.keySet()) {
            if (!request.features().contains(weighted)) {
                errors.add(InvalidRunRequestException.error("weights", "weights names \"" + weighted
                        + "\", which is not one of the features"));
            }
        }
        int kMin;
        int kMax;
        if (request.k() != null) {
            if (request.kMin() != null || request.kMax() != null) {
                errors.add(InvalidRunRequestException.error("k", "give either k or kMin/kMax, not both"));
            }
            kMin = request.k();
            kMax = request.k();
        }
        else {
            kMin = request.kMin() != null ? request.kMin() : RunParameters.DEFAULT_K_MIN;
            kMax = request.kMax() != null ? request.kMax() : Math.max(kMin, RunParameters.DEFAULT_K_MAX);
        }
        if (kMin > kMax) {
            errors.add(InvalidRunRequestException.error("kMin", "kMin (" + kMin + ") is larger than kMax (" + kMax
                    + ")"));
        }
        if (kMax > settings.maxK()) {
            errors.add(InvalidRunRequestException.error(request.k() != null ? "k" : "kMax", "k may be at most "
                    + settings.maxK() + " (setting segmentation.runs.max-k), not " + kMax));
        }
        List<String> logTransform = request.logTransform() == null ? List.of() : List.copyOf(new LinkedHashSet<>(request.logTransform()));
        for (String feature : logTransform) {
            int j = request.features().indexOf(feature);
            if (j < 0) {
                errors.add(InvalidRunRequestException.error("logTransform", "logTransform names \"" + feature
                        + "\", which is not one of the features"));
            }
            else if (features.categoricalNames().contains(feature)) {
                errors.add(InvalidRunRequestException.error("logTransform", "logTransform names \"" + feature
                        + "\", a categorical feature; only numbers can be log-transformed"));
            }
        }
        MissingPolicy missing = request.missing() != null ? request.missing()
                : MissingPolicy.DROP;
        RunRequest.Selection selection = request.selection() != null ? request.selection()
                : method == Method.GAUSSIAN_MIXTURE ? RunRequest.Selection.BIC : RunRequest.Selection.SILHOUETTE;
        if ((selection == RunRequest.Selection.BIC) != (method == Method.GAUSSIAN_MIXTURE)) {
            errors.add(InvalidRunRequestException.error("selection", method == Method.GAUSSIAN_MIXTURE
                    ? "a Gaussian mixture chooses k by BIC; leave out selection or give BIC"
                    : "BIC chooses k for a Gaussian mixture (method GAUSSIAN_MIXTURE); k-means chooses by SILHOUETTE "
                            + "or ELBOW"));
        }
        OutlierPolicy outliers = request.outliers() != null ? request.outliers() : OutlierPolicy.KEEP;
        if (request.engine() == RunRequest.Engine.SPARK) {
            SparkRuns.unsupported(method, features, derived, outliers)
                .or(sparkRuns::unavailable)
                .ifPresent(reason -> errors.add(InvalidRunRequestException.error("engine", "engine SPARK: " + reason
                        + "; leave out engine (AUTO) or give LOCAL")));
        }
        if (errors.isEmpty()) {
            long usable = missing == MissingPolicy.DROP ? datasets.countComplete(datasetId, features.requiredColumns())
                    : datasets.find(datasetId).rowCount();
            if (usable < kMax) {
                errors.add(InvalidRunRequestException.error("features", "only " + usable
                        + " rows have every feature, fewer than k = " + kMax));
            }
            else {
                distinctPointsBelow(features, missing, kMax).ifPresent(few -> errors.add(InvalidRunRequestException
                    .error("features", few)));
            }
            double rareShare = request.rareCategoryShare() != null ? request.rareCategoryShare()
                    : Preparation.DEFAULT_RARE_CATEGORY_SHARE;
            for (DatasetColumn column : features.categorical()) {
                // The categories kept are those of at least the rare share (at most 1 / share of them), and each is a
                // column of every row's vector: a code per customer kept whole would not fit in memory.
                long kept = rareShare > 0 ? Math.min(column.distinct(), (long) Math.floor(1 / rareShare)) : column.distinct();
                if (kept > MAX_CATEGORY_COLUMNS) {
                    errors.add(InvalidRunRequestException.error("features", "feature \"" + column.name() + "\" has "
                            + column.distinct() + " categories; with rareCategoryShare " + rareShare + " up to " + kept
                            + " of them would each be a column of the clustering, more than " + MAX_CATEGORY_COLUMNS
                            + ": raise rareCategoryShare (categories rarer than it join \"Other\") or leave it out"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRunRequestException(errors);
        }
        return new RunParameters(datasetId, List.copyOf(request.features()),
                request.features().stream().map(features::key).toList(), kMin, kMax,
                selection, request.scaling() != null ? request.scaling() : Scaling.STANDARD, logTransform, missing,
                outliers, request.restarts() != null ? request.restarts() : RunParameters.DEFAULT_RESTARTS,
                request.seed() != null ? request.seed() : RunParameters.DEFAULT_SEED, method, derived, weights,
                request.rareCategoryShare(), request.screeningSample(), null, request.engine());
    }

    /**
     * Why the features cannot make k clusters when their columns' distinct values make fewer than k distinct points
     * even in every combination (a constant column, say), which the catalogue tells before anything is queued; else
     * empty (the points may still be fewer, which the run finds and fails on). Transforms, clipping and scaling never
     * make two equal values differ; a missing value filled with the median can add one.
     */
    private static Optional<String> distinctPointsBelow(RunFeatures features, MissingPolicy missing, int kMax) {
        List<DatasetColumn> columns = new ArrayList<>(features.requiredColumns());
        features.categorical().stream().filter(column -> !columns.contains(column)).forEach(columns::add);
        long combinations = 1;
        for (DatasetColumn column : columns) {
            long values = column.distinct() + (missing != MissingPolicy.DROP && column.missing() > 0 ? 1 : 0);
            if (!column.distinctExact() || values >= kMax) {
                return Optional.empty();
            }
            combinations *= values;
            if (combinations >= kMax) {
                return Optional.empty();
            }
        }
        return Optional.of("the features' columns hold at most " + combinations + " distinct "
                + (combinations == 1 ? "point" : "points") + " (" + String.join(", ", columns.stream()
                    .map(column -> column.name() + ": " + column.distinct() + " distinct "
                            + (column.distinct() == 1 ? "value" : "values"))
                    .toList()) + "), fewer than k = " + kMax + "; ask for at most k = " + combinations);
    }

    /**
     * RFM: three features (recency, frequency, monetary value) of a customer dataset, or of the customers
     * derived from a TRANSACTIONS dataset; the grid decides the segments, so no k.
     */
    private RunParameters validateRfm(RunRequest request) {
        long datasetId = datasets.customersOf(request.datasetId());
        List<String> named = request.features() == null || request.features().isEmpty() ? RFM_FEATURES
                : request.features();
        List<Map<String, String>> errors = new ArrayList<>();
        if (named.size() != 3) {
            errors.add(InvalidRunRequestException.error("features", "RFM takes three features, recency, frequency and "
                    + "monetary value, in that order (default " + String.join(", ", RFM_FEATURES) + "); "
                    + named.size() + " were named"));
        }
        if (request.k() != null || request.kMin() != null || request.kMax() != null) {
            errors.add(InvalidRunRequestException.error(request.k() != null ? "k" : "kMin", "RFM segments are the "
                    + "cells of its recency × frequency grid; leave out k, kMin and kMax"));
        }
        if (request.derived() != null && !request.derived().isEmpty()) {
            errors.add(InvalidRunRequestException.error("derived", "RFM scores three columns as they are; define "
                    + "derived features for a KMEANS run"));
        }
        // What an RFM run would not use: said, not silently dropped from the stored parameters.
        Map<String, Boolean> clusteringOptions = new LinkedHashMap<>();
        clusteringOptions.put("selection", request.selection() != null);
        clusteringOptions.put("scaling", request.scaling() != null);
        clusteringOptions.put("logTransform", request.logTransform() != null && !request.logTransform().isEmpty());
        clusteringOptions.put("weights", request.weights() != null && !request.weights().isEmpty());
        clusteringOptions.put("outliers", request.outliers() != null);
        clusteringOptions.put("restarts", request.restarts() != null);
        clusteringOptions.put("rareCategoryShare", request.rareCategoryShare() != null);
        clusteringOptions.put("screeningSample", request.screeningSample() != null);
        clusteringOptions.forEach((option, given) -> {
            if (given) {
                errors.add(InvalidRunRequestException.error(option, "RFM scores recency, frequency and spend by "
                        + "quintiles, so " + option + " does not apply; leave it out, or run KMEANS"));
            }
        });
        if (request.engine() == RunRequest.Engine.SPARK) {
            errors.add(InvalidRunRequestException.error("engine", "RFM scores quintiles in the service; leave out "
                    + "engine or give LOCAL"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRunRequestException(errors);
        }
        if (request.features() == null || request.features().isEmpty()) {
            List<DatasetColumn> columns = datasets.customerColumns(datasetId);
            List<String> lacking = RFM_FEATURES.stream()
                .filter(name -> DatasetColumn.find(columns, name).isEmpty())
                .toList();
            if (!lacking.isEmpty()) {
                throw new InvalidRunRequestException(List.of(InvalidRunRequestException.error("features", "dataset "
                        + datasetId + " has no " + String.join(", ", lacking) + " column: RFM runs on order lines "
                        + "(uploaded with kind=TRANSACTIONS) or the customers derived from them; on a table of your "
                        + "own, name its recency, frequency and monetary columns in features, in that order")));
            }
        }
        List<DatasetColumn> features = datasets.resolveColumns(datasetId, named);
        for (int j = 0; j < features.size(); j++) {
            // The three are read by position: a column of the derived customers in another's place (by its name, key
            // or any spelling that resolves to it) would be scored as that other, monetary as recency, silently.
            int meant = RFM_FEATURES.indexOf(features.get(j).key());
            if (meant >= 0 && meant != j) {
                errors.add(InvalidRunRequestException.error("features", "features are read as recency, frequency and "
                        + "monetary value, in that order, so \"" + named.get(j) + "\" would be scored as "
                        + RFM_ROLES.get(j) + "; name them as " + String.join(", ", RFM_FEATURES)
                        + ", or leave features out"));
            }
            if (features.get(j).role() != ColumnRole.NUMERIC) {
                errors.add(InvalidRunRequestException.error("features", "feature \"" + named.get(j) + "\" is "
                        + features.get(j).role() + "; RFM scores NUMERIC columns"));
            }
        }
        if (errors.isEmpty() && datasets.countComplete(datasetId, features) < RFM_MIN_CUSTOMERS) {
            errors.add(InvalidRunRequestException.error("features", "fewer than " + RFM_MIN_CUSTOMERS + " customers "
                    + "have all three features; quintiles need at least " + RFM_MIN_CUSTOMERS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRunRequestException(errors);
        }
        int segments = RfmSegment.values().length;
        return new RunParameters(datasetId, List.copyOf(named), features.stream().map(DatasetColumn::key).toList(),
                segments, segments, RunRequest.Selection.SILHOUETTE, Scaling.STANDARD, List.of(), MissingPolicy.DROP,
                OutlierPolicy.KEEP, 1, request.seed() != null ? request.seed() : RunParameters.DEFAULT_SEED, Method.RFM,
                List.of(), Map.of(), null, null, null, RunRequest.Engine.LOCAL);
    }

    @Transactional(readOnly = true)
    public RunView find(long id) {
        Run run = run(id);
        return RunView.of(run, run.getStatus() == RunStatus.SUCCEEDED ? segments.segments(id, run.getModel())
                : List.of());
    }

    /** @param datasetId only the runs of this dataset; null for every run */
    @Transactional(readOnly = true)
    public PageView<RunView> list(int page, int size, Long datasetId) {
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id"));
        if (datasetId != null) {
            // 404 for a dataset that is not there, as the other ?dataset= filters answer: not an empty list that
            // reads as "no runs yet".
            datasets.find(datasetId);
        }
        var found = datasetId == null ? runs.findAll(request) : runs.findByDatasetId(datasetId, request);
        return PageView.of(found.map(run -> RunView.of(run, List.of())).getContent(), page, size,
                found.getTotalElements());
    }

    /**
     * Cancels a queued or running run; deletes a finished one (unless it is published). The run's row is
     * locked first, so a run cannot succeed behind a cancel's back: either its result was stored before
     * (and the finished run is deleted) or it finds itself CANCELLED when it comes to store.
     *
     * @param mayDelete whether the caller may delete a finished run (an ADMIN), not only cancel one
     */
    @Transactional
    public void cancelOrDelete(long id, boolean mayDelete) {
        long datasetId = runs.findDatasetIdById(id).orElseThrow(() -> new RunNotFoundException(id));
        boolean deleting = runs.findStatusById(id).map(RunStatus::isFinished).orElse(false);
        if (deleting && !mayDelete) {
            throw new RunDeletionForbiddenException(id);
        }
        if (deleting) {
            // Dropping its assignments: the dataset first, then the run, the order a dataset's deletion takes them in.
            datasets.lockAgainstDeletion(datasetId);
        }
        Run run = runs.lockById(id).orElseThrow(() -> new RunNotFoundException(id));
        if (run.cancel()) {
            // The executor is told once the cancellation is committed; were it told before, a rollback would
            // leave a CANCELLED-looking run still RUNNING with nobody executing it.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    queue.cancel(id);
                }
            });
            return;
        }
        if (!deleting) {
            throw new RunStateException(id, run.getStatus(), "Run " + id + " finished (" + run.getStatus() + ") while it "
                    + "was being cancelled, so it was not; send DELETE again to delete it.");
        }
        if (run.getPublishedAt() != null) {
            throw new RunStateException(id, run.getStatus(), "The run is published", "Run " + id + " is published; "
                    + "publish another run for its dataset before deleting it.");
        }
        segments.deleteAssignments(id);
        runs.delete(run);
        events.publishEvent(new RunResultsChanged(datasetId, run.getLineageId()));
    }

    /**
     * Makes a successful run the live one for its dataset. Its segments take over the keys of the
     * previous live run's segments they match (least total centroid distance, within the key-match
     * distance), and the run records how many customers moved from which old segment to which new one.
     * Publishes of one dataset are serialised: the last to commit is live.
     */
    @Transactional
    public RunView publish(long id) {
        return publish(id, false);
    }

    /**
     * Publishes a run (as {@link #publish(long)}) unless the live run of its table is of a later version; answers
     * whether it did.
     */
    @Transactional
    boolean publishUnlessLaterVersionLive(long id) {
        return publish(id, true) != null;
    }

    /** @param onlyOverEarlierVersions leave a live run of a later version of the table live (answering null) */
    private RunView publish(long id, boolean onlyOverEarlierVersions) {
        // Not loaded before the lock, so the locked read below sees what the previous publish committed.
        long lineageId = runs.findLineageIdById(id).orElseThrow(() -> new RunNotFoundException(id));
        publishLock.acquire(lineageId);
        Run run = runs.lockById(id).orElseThrow(() -> new RunNotFoundException(id));
        long datasetId = run.getDatasetId();
        if (run.getStatus() != RunStatus.SUCCEEDED) {
            throw new RunStateException(id, run.getStatus(), "Only a SUCCEEDED run can be published; run " + id + " is "
                    + run.getStatus() + ".");
        }
        if (run.getPublishedAt() == null) {
            Run previous = runs.findFirstByLineageIdAndPublishedAtIsNotNull(lineageId)
                .filter(live -> !live.getId().equals(id))
                .orElse(null);
            if (onlyOverEarlierVersions && previous != null
                    && datasets.find(previous.getDatasetId()).version() > datasets.find(datasetId).version()) {
                return null;
            }
            Map<String, Object> migration = previous == null ? null : takeOverKeys(run, previous);
            if (previous != null) {
                previous.unpublish();
                runs.flush();
            }
            run.publish(migration);
            // The segments' keys are written; listeners read them with SQL in this transaction.
            runs.flush();
            events.publishEvent(new RunPublished(lineageId, datasetId, id, previous == null ? null : previous.getId(),
                    previous == null ? null : previous.getDatasetId(), run.getPublishedAt()));
            events.publishEvent(new RunResultsChanged(datasetId, lineageId));
        }
        return find(id);
    }

    private Map<String, Object> takeOverKeys(Run run, Run previous) {
        List<SegmentStore.StoredSegment> current = segments.stored(run.getId());
        List<SegmentStore.StoredSegment> old = segments.stored(previous.getId());
        List<String> keys = new ArrayList<>(current.stream().map(SegmentStore.StoredSegment::key).toList());
        // RFM segments keep their fixed keys (champions, ...); clusterings of the same features are matched.
        boolean comparable = run.getParams().method() != Method.RFM && previous.getParams().method() != Method.RFM
                && previous.getParams().featureKeys().equals(run.getParams().featureKeys());
        int inherited = 0;
        if (comparable) {
            // Both runs' centres are compared in the new run's space: old centre -> file units -> new transform.
            List<FeatureTransform> newTransforms = run.getModel().transforms();
            List<FeatureTransform> oldTransforms = previous.getModel().transforms();
            List<CategoryEncoding> newCategories = run.getModel().categories();
            double[][] cost = new double[current.size()][old.size()];
            for (int i = 0; i < current.size(); i++) {
                for (int j = 0; j < old.size(); j++) {
                    double squares = 0;
                    for (int f = 0; f < newTransforms.size(); f++) {
                        double oldCentre = newTransforms.get(f).apply(oldTransforms.get(f).invert(old.get(j).centroid()[f]));
                        double delta = current.get(i).centroid()[f] - oldCentre;
                        squares += delta * delta;
                    }
                    List<CategoryEncoding> oldCategories = previous.getModel().categories();
                    for (int f = 0; f < newCategories.size(); f++) {
                        CategoryEncoding category = newCategories.get(f);
                        double[] oldCentre = category.reencode(oldCategories.get(f), old.get(j).centroid());
                        for (int l = 0; l < oldCentre.length; l++) {
                            double delta = current.get(i).centroid()[category.slot() + l] - oldCentre[l];
                            squares += delta * delta;
                        }
                    }
                    cost[i][j] = Math.sqrt(squares);
                }
            }
            double[] spread = segments.meanDistances(run.getId(), current.size());
            double[] reach = new double[current.size()];
            for (int i = 0; i < reach.length; i++) {
                reach[i] = settings.keyMatchReach() * spread[i];
            }
            int[] match = SegmentMatcher.match(cost, reach);
            Set<String> taken = new HashSet<>();
            for (int i = 0; i < match.length; i++) {
                if (match[i] >= 0) {
                    keys.set(i, old.get(match[i]).key());
                    taken.add(keys.get(i));
                    inherited++;
                }
            }
            // A scoring run's segments come with its model run's keys: one left unmatched must not keep a key another
            // segment has just inherited.
            for (int i = 0; i < match.length; i++) {
                if (match[i] < 0 && taken.contains(keys.get(i))) {
                    keys.set(i, SegmentStore.newKey(run.getId(), current.get(i).ordinal()));
                }
            }
            segments.rekey(run.getId(), keys);
        }
        long[][] moved = segments.migration(previous.getId(), previous.getDatasetId(), old.size(), run.getId(),
                run.getDatasetId(), current.size());
        Map<String, Object> migration = new LinkedHashMap<>();
        migration.put("previousSegmentationId", previous.getId());
        migration.put("keysMatched", comparable);
        migration.put("keysInherited", inherited);
        migration.put("from", old.stream().map(SegmentStore.StoredSegment::key).toList());
        migration.put("to", keys);
        migration.put("customers", moved);
        return migration;
    }

    /**
     * A succeeded run's clustered customers for its charts: the sample stored with the run (all of them up
     * to 20,000); for a run stored before samples were, read back from the dataset and its assignments.
     */
    /**
     * How many customers of a succeeded RFM run have each pair of R and F scores: counts[r - 1][f - 1]; null for a
     * run of another method.
     */
    @Transactional(readOnly = true)
    public long[][] rfGrid(long id) {
        Run run = run(id);
        return run.getParams().method() == Method.RFM ? segments.rfGrid(id) : null;
    }

    @Transactional(readOnly = true)
    public ClusteredData clusteredData(long id) {
        Run run = run(id);
        if (run.getStatus() != RunStatus.SUCCEEDED) {
            throw new RunStateException(id, run.getStatus(), "Run " + id + " is " + run.getStatus()
                    + "; its data is there once it has SUCCEEDED.");
        }
        RunParameters params = run.getParams();
        RunFeatures features = params.resolve(datasets);
        FeatureTable table;
        int[] rows;
        int[] labels;
        long rowsUsed;
        RunModel model = run.getModel();
        List<CategoryEncoding> categories = model.categories();
        int[] levels;
        String[] externalIds;
        Optional<ChartSample> stored = segments.chartSample(id);
        if (stored.isPresent()) {
            ChartSample sample = stored.get();
            table = new FeatureTable(params.datasetId(), features.numeric(), sample.size(), sample.original(), sample.rowNos(),
                    List.of());
            externalIds = sample.externalIds();
            rows = new int[sample.size()];
            Arrays.setAll(rows, i -> i);
            labels = sample.labels();
            rowsUsed = sample.rowsUsed();
            levels = sample.levels();
        }
        else {
            table = features.load(datasets);
            int n = Math.toIntExact(run.getRowsUsed());
            rows = new int[n];
            labels = new int[n];
            int[] next = { 0 };
            // Row numbers are dense from 1 in file order, so a row number names its index in the table.
            segments.forEachAssignment(id, params.datasetId(), null, 0, null, row -> {
                rows[next[0]] = row.rowNo() - 1;
                labels[next[0]++] = row.ordinal();
            });
            rowsUsed = n;
            levels = ChartSample.levels(table, categories, rows);
            int[] rowNos = new int[n];
            for (int i = 0; i < n; i++) {
                rowNos[i] = table.rowNos()[rows[i]];
            }
            externalIds = datasets.externalIds(params.datasetId(), rowNos);
        }
        List<FeatureTransform> transforms = model.transforms();
        int d = transforms.size();
        int width = model.dimensions();
        double[] scaled = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                double value = table.values()[rows[i] * d + j];
                scaled[i * width + j] = transforms.get(j).apply(Double.isNaN(value) ? transforms.get(j).median() : value);
            }
            for (int f = 0; f < categories.size(); f++) {
                CategoryEncoding encoding = categories.get(f);
                encoding.encode(levels[i * categories.size() + f], scaled, i * width + encoding.slot());
            }
        }
        return new ClusteredData(RunView.of(run, segments.segments(id, model)), model, table, rows, externalIds, scaled,
                labels, rowsUsed);
    }

    private Run run(long id) {
        return runs.findById(id).orElseThrow(() -> new RunNotFoundException(id));
    }

}
