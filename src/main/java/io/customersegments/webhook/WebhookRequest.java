package io.customersegments.webhook;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A webhook to make.
 *
 * @param url where deliveries are POSTed (http or https; redirects are not followed)
 * @param events what to send (default: every kind; a kind named twice counts once)
 * @param dataset only this dataset's events (default: every dataset's)
 * @param secret the key deliveries are signed with, at least 16 characters (default: one is made, and answered)
 */
record WebhookRequest(@NotBlank @Size(max = 2000) String url, List<WebhookEvent> events, Long dataset,
        @Size(min = 16, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String secret) {
}
