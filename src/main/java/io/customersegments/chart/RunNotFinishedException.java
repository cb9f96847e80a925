package io.customersegments.chart;

import io.customersegments.run.RunStatus;
import io.customersegments.web.ProblemException;

/** Charts of a run are drawn once it has succeeded. */
class RunNotFinishedException extends ProblemException {

    RunNotFinishedException(long id, RunStatus status) {
        super(409, "run-state", "The run is " + status,
                "Run " + id + " is " + status + "; its charts are drawn once it has SUCCEEDED.");
        with("segmentationId", id);
        with("runStatus", status);
    }

}
