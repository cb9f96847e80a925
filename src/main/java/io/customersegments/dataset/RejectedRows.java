package io.customersegments.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The rows of an upload left out for what they hold: how many, and the first ones with line, column and reason. */
final class RejectedRows {

    private final int maxReported;

    private final List<RowError> errors = new ArrayList<>();

    private long count;

    RejectedRows(int maxReported) {
        this.maxReported = maxReported;
    }

    void add(long line, String column, String message) {
        count++;
        if (errors.size() < maxReported) {
            errors.add(new RowError(line, column, message));
        }
    }

    long count() {
        return count;
    }

    /** The reported rows, by line. */
    List<RowError> listed() {
        return errors.stream().sorted(Comparator.comparingLong(RowError::line)).toList();
    }

    /**
     * @throws TooManyRejectedRowsException when more than {@code maxShare} of the {@code dataRows} were left out
     */
    void refuseIfMoreThan(double maxShare, long dataRows) {
        if ((double) count / dataRows > maxShare) {
            throw new TooManyRejectedRowsException(count, dataRows, maxShare, listed());
        }
    }

}
