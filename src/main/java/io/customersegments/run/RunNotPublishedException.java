package io.customersegments.run;

import io.customersegments.web.ProblemException;

/**
 * A READER key (a marketing app) sees published runs only, as the live segments are: the charts and predictions of a
 * run that is not published are an analyst's.
 */
public class RunNotPublishedException extends ProblemException {

    public RunNotPublishedException(long id) {
        super(403, "forbidden", "Not allowed for this key", "Run " + id + " is not published: READER keys read the "
                + "charts and predictions of published runs only. Publish it (POST /api/segmentations/" + id
                + "/publish), or use an ANALYST key.");
        with("segmentationId", id);
    }

}
