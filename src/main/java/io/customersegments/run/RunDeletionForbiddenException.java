package io.customersegments.run;

import io.customersegments.web.ProblemException;

/** A finished run may be deleted by an ADMIN key only; analysts cancel runs that have not finished. */
class RunDeletionForbiddenException extends ProblemException {

    RunDeletionForbiddenException(long id) {
        super(403, "forbidden", "Not allowed for this key", "Run " + id + " has finished; deleting it needs an ADMIN "
                + "key (ANALYST keys may cancel runs that are queued or running).");
        with("segmentationId", id);
    }

}
