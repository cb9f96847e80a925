package io.customersegments.dataset;

/**
 * A module that keeps something derived from datasets (runs, segments). Asked in the deleting
 * transaction, before the dataset's rows go, so it can refuse or let go of what it keeps.
 */
public interface DatasetDependents {

    /**
     * Refuses the deletion by throwing, or removes what it keeps for the dataset.
     *
     * @param force the caller asked to delete even what is in use (e.g. published segments)
     */
    void datasetDeleting(long datasetId, boolean force);

}
