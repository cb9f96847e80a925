package io.customersegments.dataset;

import java.util.List;

import io.customersegments.web.ProblemException;

/** More rows were rejected than the configured share allows, so the upload was refused as a whole. */
class TooManyRejectedRowsException extends ProblemException {

    TooManyRejectedRowsException(long rejected, long rows, double maxShare, List<RowError> errors) {
        super(400, "too-many-rejected-rows", "Too many rows were rejected",
                String.format(java.util.Locale.ROOT,
                        "%d of %d data rows (%.1f%%) were rejected, more than the %.1f%% allowed; nothing was stored. "
                                + "Fix the rows listed in errors and upload the file again.",
                        rejected, rows, 100.0 * rejected / rows, 100.0 * maxShare));
        with("rejectedRows", rejected);
        with("dataRows", rows);
        with("maxRejectedShare", maxShare);
        with("errors", errors);
    }

}
