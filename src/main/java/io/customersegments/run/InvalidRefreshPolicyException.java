package io.customersegments.run;

import java.util.List;
import java.util.Map;

import io.customersegments.web.ProblemException;

/** A refresh policy that cannot be set; the table's policy is unchanged. */
class InvalidRefreshPolicyException extends ProblemException {

    InvalidRefreshPolicyException(String field, String message) {
        super(400, "invalid-refresh-policy", "Invalid refresh policy", "Field \"" + field + "\": " + message
                + ". The table's refresh policy is unchanged.");
        with("errors", List.of(Map.of("field", field, "message", message)));
    }

}
