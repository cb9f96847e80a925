package io.customersegments.run;

import io.customersegments.web.ProblemException;

/** The run is not in a state that allows what was asked (e.g. publishing a run that has not succeeded). */
class RunStateException extends ProblemException {

    RunStateException(long id, RunStatus status, String detail) {
        super(409, "run-state", "The run is " + status, detail);
        with("segmentationId", id);
        with("runStatus", status);
    }

}
