package io.customersegments.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.customersegments.dataset.DatasetDependents;
import io.customersegments.dataset.Datasets;

/**
 * Runs go with their dataset (foreign key): a published one only when forced; the others are stopped
 * once the deletion commits, and their assignments are dropped with it.
 */
@Component
class RunsOfDeletedDatasets implements DatasetDependents {

    private static final Logger log = LoggerFactory.getLogger(RunsOfDeletedDatasets.class);

    private final RunRepository runs;

    private final SegmentStore segments;

    private final RunQueue queue;

    private final PublishLock publishLock;

    private final ApplicationEventPublisher events;

    private final Datasets datasets;

    RunsOfDeletedDatasets(RunRepository runs, SegmentStore segments, RunQueue queue, PublishLock publishLock,
            ApplicationEventPublisher events, Datasets datasets) {
        this.datasets = datasets;
        this.runs = runs;
        this.segments = segments;
        this.queue = queue;
        this.publishLock = publishLock;
        this.events = events;
    }

    @Override
    public void datasetDeleting(long datasetId, boolean force) {
        // Publishes are serialised per lineage (the versions of a table share one live run).
        long lineageId = datasets.lineageOf(datasetId);
        publishLock.acquire(lineageId);
        runs.findFirstByDatasetIdAndPublishedAtIsNotNull(datasetId).ifPresent(published -> {
            if (!force) {
                throw new DatasetPublishedException(datasetId, published.getId());
            }
            log.warn("Dataset {} is deleted with force: its published run {} is unpublished", datasetId,
                    published.getId());
        });
        runs.findByDatasetId(datasetId).forEach(run -> {
            segments.deleteAssignments(run.getId());
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    queue.cancel(run.getId());
                }
            });
        });
        events.publishEvent(new RunResultsChanged(datasetId, lineageId));
    }

}
