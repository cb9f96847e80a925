package io.customersegments.run;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import io.customersegments.dataset.DatasetDependents;
import io.customersegments.dataset.DatasetVersionStored;
import io.customersegments.dataset.Datasets;
import io.customersegments.run.RefreshPolicy.OnNewVersion;
import io.customersegments.run.RunRequest.Method;
import io.customersegments.security.SystemAudit;

/**
 * Per customer table, what a new version starts (a scoring run with the live run's model, or a new run with its
 * parameters), and the publishing of such runs when they succeed. Both happen on the instance that stored the version
 * or ran the run, once that has committed.
 */
@Service
public class RefreshPolicies implements DatasetDependents {

    private static final Logger log = LoggerFactory.getLogger(RefreshPolicies.class);

    private final JdbcTemplate jdbc;

    private final Datasets datasets;

    private final RunRepository runs;

    private final RunQueue queue;

    private final Runs publisher;

    private final SystemAudit audit;

    /** What an after-commit listener does runs in a transaction of its own (the one that committed is over). */
    private final TransactionTemplate separately;

    RefreshPolicies(JdbcTemplate jdbc, Datasets datasets, RunRepository runs, RunQueue queue, Runs publisher,
            SystemAudit audit, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.datasets = datasets;
        this.runs = runs;
        this.queue = queue;
        this.publisher = publisher;
        this.audit = audit;
        this.separately = new TransactionTemplate(transactionManager);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The policy of the table a dataset is a version of (NONE unless one was set). */
    @Transactional(readOnly = true)
    public RefreshPolicy of(long datasetId) {
        long lineage = datasets.lineageOf(datasetId);
        List<RefreshPolicy> found = jdbc.query("SELECT on_new_version, auto_publish, updated_at FROM refresh_policy "
                + "WHERE lineage_id = ?", (row, n) -> new RefreshPolicy(lineage,
                        OnNewVersion.valueOf(row.getString(1)), row.getBoolean(2), row.getTimestamp(3).toInstant()),
                lineage);
        return found.isEmpty() ? new RefreshPolicy(lineage, OnNewVersion.NONE, false, null) : found.get(0);
    }

    @Transactional
    public RefreshPolicy set(long datasetId, RefreshPolicy.Request request) {
        if (request == null || request.onNewVersion() == null) {
            datasets.lineageOf(datasetId);
            throw new InvalidRefreshPolicyException("onNewVersion", "say what a new version starts: SCORE, RETRAIN or "
                    + "NONE");
        }
        // NONE clears a policy on any table (one set before such tables were refused, say); the others need versions.
        long lineage = request.onNewVersion() == OnNewVersion.NONE ? datasets.lineageOf(datasetId)
                : datasets.requireVersionable(datasetId).lineageId();
        jdbc.update("INSERT INTO refresh_policy (lineage_id, on_new_version, auto_publish) VALUES (?, ?, ?) "
                + "ON CONFLICT (lineage_id) DO UPDATE SET on_new_version = EXCLUDED.on_new_version, "
                + "auto_publish = EXCLUDED.auto_publish, updated_at = now()", lineage,
                request.onNewVersion().name(), Boolean.TRUE.equals(request.autoPublish()));
        return of(datasetId);
    }

    /** A new version: starts what the table's policy says, with its live run. */
    @TransactionalEventListener
    void on(DatasetVersionStored stored) {
        try {
            Run started = separately.execute(status -> start(stored));
            if (started != null) {
                queue.submit(started.getId());
                Long model = started.getParams().scoredFrom();
                audit.record(actor(stored.lineageId()), model != null ? "scoreWithSegmentation" : "startSegmentation",
                        "POST", model != null ? "/api/segmentations/" + model + "/score"
                                : "/api/segmentations", HttpStatus.ACCEPTED.value());
            }
        }
        catch (RuntimeException ex) {
            log.warn("The refresh policy of dataset {} could not start a run for its version {} (dataset {})",
                    stored.lineageId(), stored.version(), stored.datasetId(), ex);
        }
    }

    private Run start(DatasetVersionStored stored) {
        RefreshPolicy policy = of(stored.lineageId());
        if (policy.onNewVersion() == OnNewVersion.NONE) {
            return null;
        }
        Run live = runs.findFirstByLineageIdAndPublishedAtIsNotNull(stored.lineageId()).orElse(null);
        if (live == null) {
            log.info("Dataset {} has no live run: its refresh policy ({}) starts nothing for version {}",
                    stored.lineageId(), policy.onNewVersion(), stored.version());
            return null;
        }
        // A live scoring run's model is the run's that trained it; RFM runs do not score.
        Run model = runs.findModelRun(live).orElse(null);
        boolean score = policy.onNewVersion() == OnNewVersion.SCORE && live.getParams().method() != Method.RFM
                && model != null;
        if (policy.onNewVersion() == OnNewVersion.SCORE && model == null) {
            // Not what the policy asked for: new segments, not the live ones' model.
            log.warn("Dataset {}: the live run {} cannot score (the run that trained its model was deleted with its "
                    + "dataset): version {} is retrained instead", stored.lineageId(), live.getId(), stored.version());
        }
        else if (policy.onNewVersion() == OnNewVersion.SCORE && !score) {
            log.info("Dataset {}: the live run {} is an RFM run, which cannot score: version {} is retrained instead",
                    stored.lineageId(), live.getId(), stored.version());
        }
        RunParameters params = score ? model.getParams().scoring(stored.datasetId(), model.getId())
                : live.getParams().retraining(stored.datasetId());
        Run run = runs.save(new Run(params, stored.lineageId(), policy.autoPublish()));
        log.info("Version {} of dataset {} (dataset {}): {} run {} started by the refresh policy{}", stored.version(),
                stored.lineageId(), stored.datasetId(), score ? "scoring" : "new", run.getId(),
                policy.autoPublish() ? ", to be published when it succeeds" : "");
        return run;
    }

    /**
     * A run started with autoPublish succeeded without drift: publish it, as POST .../publish would, unless a run of a
     * later version of the table went live meanwhile (runs may finish out of order).
     */
    @TransactionalEventListener
    void on(AutoPublishDue due) {
        try {
            boolean published = Boolean.TRUE.equals(separately.execute(status ->
                    publisher.publishUnlessLaterVersionLive(due.segmentationId())));
            log.info(published ? "Run {} was published by its refresh policy"
                    : "Run {} was not published by its refresh policy: a run of a later version is live",
                    due.segmentationId());
            if (published) {
                audit.record(actor(due.lineageId()), "publishSegmentation", "POST",
                        "/api/segmentations/" + due.segmentationId() + "/publish", HttpStatus.OK.value());
            }
        }
        catch (RuntimeException ex) {
            log.warn("Run {} could not be published by its refresh policy; publish it by hand", due.segmentationId(),
                    ex);
        }
    }

    /** Who the audit says made a policy's changes. */
    private static String actor(long lineageId) {
        return "refresh policy of dataset " + lineageId;
    }

    /** A table's policy goes with its first version (the last to go). */
    @Override
    public void datasetDeleting(long datasetId, boolean force) {
        jdbc.update("DELETE FROM refresh_policy WHERE lineage_id = ?", datasetId);
    }

}
