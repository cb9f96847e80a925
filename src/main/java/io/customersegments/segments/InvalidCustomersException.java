package io.customersegments.segments;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.customersegments.web.ProblemException;

/** Customers sent to be scored that cannot be: each error names the customer's index and what is wrong. */
class InvalidCustomersException extends ProblemException {

    InvalidCustomersException(List<Map<String, String>> errors) {
        super(400, "invalid-customers", "The customers cannot be scored",
                errors.stream().map(error -> error.get("message")).collect(Collectors.joining("; ")) + ".");
        with("errors", errors);
    }

}
