package io.customersegments.run;

import io.customersegments.web.ProblemException;

/** The run is not in a state that allows what was asked (e.g. publishing a run that has not succeeded). */
class RunStateException extends ProblemException {

    RunStateException(long id, RunStatus status, String detail) {
        this(id, status, "The run is " + status, detail);
    }

    /** With a title of its own, for a run whose status is not what stands in the way (it is published, say). */
    RunStateException(long id, RunStatus status, String title, String detail) {
        super(409, "run-state", title, detail);
        with("segmentationId", id);
        with("runStatus", status);
    }

}
