package io.customersegments.chart;

import io.customersegments.web.ProblemException;

/** An Accept header that admits neither SVG nor PNG: 406, as Spring MVC answers the CSV downloads. */
class ChartNotAcceptableException extends ProblemException {

    ChartNotAcceptableException(String accept) {
        super(406, "not-acceptable", "Not Acceptable", "The Accept header (" + accept + ") admits no format a chart "
                + "has; it has image/svg+xml, image/png. Leave Accept out, ask for one of them, or add ?format=svg or "
                + "?format=png.");
    }

}
