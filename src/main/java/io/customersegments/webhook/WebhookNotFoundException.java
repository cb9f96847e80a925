package io.customersegments.webhook;

import io.customersegments.web.ProblemException;

class WebhookNotFoundException extends ProblemException {

    WebhookNotFoundException(long id) {
        super(404, "not-found", "Webhook not found", "There is no webhook " + id + ".");
        with("webhookId", id);
    }

}
