package io.customersegments.run;

/** Where a segmentation run is in its life. */
public enum RunStatus {

    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

}
