package io.customersegments.run;

import java.util.List;

import io.customersegments.expression.ExpressionException;
import io.customersegments.web.ProblemException;

/** A derived feature's formula does not compile; nothing was queued. */
class InvalidExpressionException extends ProblemException {

    InvalidExpressionException(String feature, ExpressionException ex, List<String> knownColumns) {
        super(400, "invalid-expression", "A derived feature's expression is invalid",
                "The expression of derived feature \"" + feature + "\" is invalid: " + ex.getMessage()
                        + ". Nothing was queued.");
        with("feature", feature);
        with("expression", ex.expression());
        with("position", ex.position());
        with("knownColumns", knownColumns);
    }

}
