package io.customersegments.dataset;

import java.util.List;

import io.customersegments.web.ProblemException;

/** A request names columns the dataset does not have. */
class UnknownColumnException extends ProblemException {

    UnknownColumnException(long datasetId, List<String> unknown, List<DatasetColumn> columns) {
        super(400, "unknown-column", "Unknown column",
                "Dataset " + datasetId + " has no column " + String.join(", ", unknown.stream().map(u -> "\"" + u + "\"").toList())
                        + ". Its columns are " + String.join(", ", columns.stream()
                            .map(c -> c.name() + " (" + c.key() + ", " + c.role() + ")")
                            .toList())
                        + ".");
        with("unknown", unknown);
    }

}
