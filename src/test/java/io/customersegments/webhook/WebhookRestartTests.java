package io.customersegments.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.Api.Answer;
import io.customersegments.Poll;
import io.customersegments.ServiceProcess;
import io.customersegments.TestDatabase;
import io.customersegments.TestKeys;

/**
 * The service dies while a receiver holds a delivery: the next service on the database takes the delivery over when
 * its lease runs out, and the receiver ends up with every event, in order.
 */
class WebhookRestartTests {

    private static final String SCHEMA = TestDatabase.TEST_SCHEMA + "_webhooks";

    private static final String RUN = "{\"datasetId\": %d, \"k\": %d, \"features\": [\"Annual Income (k$)\", "
            + "\"Spending Score (1-100)\"]}";

    /** Leases of 6 s (attempts time out after 1 s), so a takeover comes quickly. */
    private static final String[] SETTINGS = { "--segmentation.security.bootstrap-key=" + TestKeys.ADMIN,
        "--segmentation.webhooks.allowed-hosts=127.0.0.1", "--segmentation.webhooks.timeout=1s",
        "--segmentation.webhooks.lease=6s", "--segmentation.webhooks.initial-backoff=100ms",
        "--segmentation.webhooks.max-backoff=500ms", "--segmentation.webhooks.poll=200ms",
        "--segmentation.webhooks.batch-size=50" };

    @Test
    void aDeliveryUnderWayWhenTheServiceDiesIsSentByTheNextOne() throws Exception {
        TestDatabase.Target database = TestDatabase.target();
        try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
                database.password()); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        try (Receiver receiver = new Receiver(WebhookTests.SECRET)) {
            ServiceProcess first = ServiceProcess.start("webhooks-first", SCHEMA, SETTINGS);
            long dataset;
            long webhook;
            try {
                Api api = first.api(TestKeys.ADMIN);
                dataset = api.uploadMallCustomers();
                Answer made = api.postJson("/api/webhooks", "{\"url\": \"" + receiver.url() + "\", \"secret\": \""
                        + WebhookTests.SECRET + "\", \"dataset\": " + dataset + "}");
                assertThat(made.status()).as(made.body()).isEqualTo(201);
                webhook = made.json().get("webhook").get("id").asLong();
                long three = api.succeededRun(RUN.formatted(dataset, 3));
                receiver.hold();
                assertThat(api.postJson("/api/segmentations/" + three + "/publish", "").status()).isEqualTo(200);
                assertThat(receiver.awaitHeld(30)).as("the first batch reached the receiver").isTrue();
            }
            finally {
                first.kill();
            }
            receiver.release();
            try (ServiceProcess second = ServiceProcess.start("webhooks-second", SCHEMA, SETTINGS)) {
                Api api = second.api(TestKeys.ADMIN);
                JsonNode feed = api.get("/api/segments/changes?dataset=" + dataset + "&limit=10000").json()
                    .get("events");
                List<Long> expected = new ArrayList<>();
                feed.forEach(event -> expected.add(event.get("id").asLong()));
                assertThat(expected).hasSize(200);
                List<Long> received = Poll.until(Duration.ofSeconds(60), "every event at the receiver", () -> {
                    List<Long> ids = receiver.events().stream()
                        .filter(event -> !event.get("type").asString().equals("PUBLISHED"))
                        .map(event -> event.get("id").asLong())
                        .toList();
                    return ids.size() >= expected.size() ? ids : null;
                });
                assertThat(received).isEqualTo(expected);
                JsonNode deliveries = api.get("/api/webhooks/" + webhook + "/deliveries?size=100").json()
                    .get("content");
                JsonNode held = deliveries.get(deliveries.size() - 1);
                assertThat(held.get("status").asString()).isEqualTo("DELIVERED");
                // Taken by the first instance (its attempt died with it), then by the second.
                assertThat(held.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
            }
        }
    }

}
