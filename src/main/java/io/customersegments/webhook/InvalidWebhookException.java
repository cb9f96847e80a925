package io.customersegments.webhook;

import java.util.List;
import java.util.Map;

import io.customersegments.web.ProblemException;

/** A webhook that cannot be made; nothing was stored. */
class InvalidWebhookException extends ProblemException {

    InvalidWebhookException(String field, String message) {
        super(400, "invalid-webhook", "The webhook cannot be made", message + " Nothing was stored.");
        with("errors", List.of(Map.of("field", field, "message", message)));
    }

}
