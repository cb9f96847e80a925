package io.customersegments.chart;

import io.customersegments.web.ProblemException;

/** A chart parameter (feature, column, format) that cannot be used. */
class InvalidChartParameterException extends ProblemException {

    InvalidChartParameterException(String parameter, String detail) {
        super(400, "invalid-parameter", "Invalid parameter", detail);
        with("parameter", parameter);
    }

}
