package io.customersegments.dataset;

import java.util.List;

import io.customersegments.web.ProblemException;

/** The first version of a customer table names its lineage: it goes last, after its later versions. */
class DatasetHasVersionsException extends ProblemException {

    DatasetHasVersionsException(long datasetId, List<Long> versions) {
        super(409, "dataset-has-versions", "Dataset has later versions", "Dataset " + datasetId + " is the first "
                + "version of a customer table and names what is published for all its versions; delete its later "
                + "versions first (datasets " + String.join(", ", versions.stream().map(String::valueOf).toList())
                + ").");
        with("datasetId", datasetId);
        with("versionDatasetIds", versions);
    }

}
