package io.customersegments.dataset;

import java.util.List;

import io.customersegments.web.ProblemException;

/** A new version of a customer table does not have the columns of the version before it. */
class VersionColumnsException extends ProblemException {

    VersionColumnsException(long latestId, int latestVersion, List<String> missing, List<String> added,
            List<String> changed) {
        super(400, "version-columns", "Not the same columns", "A new version must have the columns of the latest one "
                + "(dataset " + latestId + ", version " + latestVersion + "), so runs and their models read it alike. "
                + String.join(" ", List.of(
                        missing.isEmpty() ? "" : "Missing: " + String.join(", ", missing) + ".",
                        added.isEmpty() ? "" : "Not in the latest version: " + String.join(", ", added) + ".",
                        changed.isEmpty() ? "" : "Of another type now: " + String.join(", ", changed) + ".")).strip()
                + " Nothing was stored.");
        with("latestDatasetId", latestId);
        with("missing", missing);
        with("added", added);
        with("changed", changed);
    }

}
