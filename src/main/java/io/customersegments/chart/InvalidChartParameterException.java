package io.customersegments.chart;

import org.springframework.http.HttpStatus;

import io.customersegments.web.ProblemException;

/** A chart parameter (feature, column, format) that cannot be used. */
public class InvalidChartParameterException extends ProblemException {

    InvalidChartParameterException(String parameter, String detail) {
        super(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail);
        with("parameter", parameter);
    }

}
