package io.customersegments.webhook;

/**
 * A webhook just made, with the secret its deliveries are signed with: answered this once.
 */
record NewWebhook(WebhookView webhook, String secret) {
}
