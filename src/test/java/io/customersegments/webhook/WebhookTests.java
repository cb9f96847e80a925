package io.customersegments.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.Api.Answer;
import io.customersegments.Poll;
import io.customersegments.ServiceTest;

/**
 * Webhooks against a real receiver on loopback: every event arrives signed, in order, once per delivery id, whether
 * the receiver is down for a while, refuses, or is slow; a publish never waits for it.
 */
@ServiceTest
class WebhookTests {

    static final String SECRET = "a-receiver-secret-of-some-length";

    private static final String RUN = "{\"datasetId\": %d, \"k\": %d, \"features\": [\"Annual Income (k$)\", "
            + "\"Spending Score (1-100)\"]}";

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    private Api api() {
        return new Api(port);
    }

    @Test
    void onlyAdminsMakeWebhooksAndInternalAddressesAreRefused() throws Exception {
        Api analyst = api().withKey(api().createKey("webhook-analyst", "ANALYST"));
        assertThat(analyst.postJson("/api/webhooks", "{\"url\": \"https://example.com/hook\"}").status()).isEqualTo(403);
        assertThat(analyst.get("/api/webhooks").status()).isEqualTo(403);

        for (String url : List.of("ftp://example.com/hook", "http://localhost:8080/hook", "http://169.254.169.254/latest",
                "http://10.1.2.3/hook", "http://[::1]/hook", "http://192.168.0.10/", "http://100.64.0.1/",
                "http://user:pass@example.com/", "not a url", "http:///nohost", "https://93.184.216.34:99999/hook",
                "https://93.184.216.34:0/hook")) {
            Answer refused = api().postJson("/api/webhooks", "{\"url\": \"" + url + "\"}");
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("errors").get(0).get("field").asString()).as(url).isEqualTo("url");
        }
        Answer internal = api().postJson("/api/webhooks", "{\"url\": \"http://169.254.169.254/latest\"}");
        assertThat(internal.json().get("detail").asString()).contains("link-local").contains("allowed-hosts");
        Answer unknownKind = api().postJson("/api/webhooks", "{\"url\": \"http://127.0.0.1:9/\", \"events\": [\"DRIFT\"]}");
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.body()).contains("ENTERED, EXITED, PUBLISHED, RUN_FAILED");
        assertThat(api().postJson("/api/webhooks", "{\"url\": \"http://127.0.0.1:9/\", \"events\": []}").status())
            .isEqualTo(400);
        assertThat(api().postJson("/api/webhooks", "{\"url\": \"http://127.0.0.1:9/\", \"secret\": \"short\"}")
            .status()).isEqualTo(400);
        // Sixteen spaces would sign every delivery with a key that authenticates nothing.
        Answer blank = api().postJson("/api/webhooks", "{\"url\": \"http://127.0.0.1:9/\", \"secret\": \""
                + " ".repeat(16) + "\"}");
        assertThat(blank.status()).as(blank.body()).isEqualTo(400);
        assertThat(blank.json().get("errors").get(0).get("field").asString()).isEqualTo("secret");
        for (String paged : List.of("/api/webhooks?size=0", "/api/webhooks?page=-1")) {
            Answer refused = api().get(paged);
            assertThat(refused.status()).as(paged + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("type").asString()).isEqualTo("/problems/invalid-parameter");
        }
        assertThat(api().postJson("/api/webhooks", "{\"url\": \"http://127.0.0.1:9/\", \"dataset\": 987654321}")
            .status()).isEqualTo(404);
        JsonNode orderLines = api().uploadCdnowTransactions();
        Answer lines = api().postJson("/api/webhooks", "{\"url\": \"http://127.0.0.1:9/\", \"dataset\": "
                + orderLines.get("id").asLong() + "}");
        assertThat(lines.status()).isEqualTo(400);
        assertThat(lines.json().get("detail").asString())
            .contains("follow dataset " + orderLines.get("derivedDatasetId").asLong());

        Answer made = api().postJson("/api/webhooks", "{\"url\": \"http://127.0.0.1:9/hook\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        long id = made.json().get("webhook").get("id").asLong();
        String secret = made.json().get("secret").asString();
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(made.location()).endsWith("/api/webhooks/" + id);
        assertThat(made.json().get("webhook").get("events")).hasSize(WebhookEvent.values().length);
        Answer listed = api().get("/api/webhooks?size=1000");
        assertThat(listed.body()).doesNotContain(secret).contains("http://127.0.0.1:9/hook");
        assertThat(api().get("/api/webhooks/" + id).body()).doesNotContain(secret);
        assertThat(api().delete("/api/webhooks/" + id).status()).isEqualTo(204);
        assertThat(api().get("/api/webhooks/" + id).status()).isEqualTo(404);
        assertThat(api().delete("/api/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void publishesArriveSignedInBatchesInTheFeedsOrderThenThePublishedEvent() throws Exception {
        try (Receiver receiver = new Receiver(SECRET)) {
            long dataset = api().uploadMallCustomers();
            long webhook = webhook(receiver, dataset);
            long three = api().succeededRun(RUN.formatted(dataset, 3));
            long five = api().succeededRun(RUN.formatted(dataset, 5));
            publish(three);
            publish(five);

            List<JsonNode> feed = feed(dataset);
            List<JsonNode> received = awaitEvents(receiver, feed.size() + 2);
            assertThat(receiver.requests()).allSatisfy(request -> {
                assertThat(request.signatureValid()).as(request.signature()).isTrue();
                assertThat(request.json().get("id").asString()).isEqualTo(request.deliveryId());
                assertThat(request.json().get("webhookId").asLong()).isEqualTo(webhook);
                assertThat(request.json().get("events").size()).isBetween(1, 64);
            });
            // Everyone entered (200 customers: 4 batches of at most 64), PUBLISHED; the moves, PUBLISHED.
            List<JsonNode> changes = received.stream().filter(event -> !event.get("type").asString().equals("PUBLISHED"))
                .toList();
            assertThat(ids(changes)).isEqualTo(ids(feed));
            JsonNode firstPublished = received.get(200);
            assertThat(firstPublished.get("type").asString()).isEqualTo("PUBLISHED");
            assertThat(firstPublished.get("segmentationId").asLong()).isEqualTo(three);
            assertThat(firstPublished.get("changes").asInt()).isEqualTo(200);
            assertThat(firstPublished.get("segments")).hasSize(3);
            JsonNode last = received.get(received.size() - 1);
            assertThat(last.get("type").asString()).isEqualTo("PUBLISHED");
            assertThat(last.get("segmentationId").asLong()).isEqualTo(five);
            assertThat(last.get("previousSegmentationId").asLong()).isEqualTo(three);
            assertThat(last.get("changes").asInt()).isEqualTo(feed.size() - 200);
            assertThat(receiver.requests().stream().filter(request -> request.json().get("kind").asString()
                .equals("CHANGES") && request.json().get("segmentationId").asLong() == three)
                .map(Receiver.Request::deliveryId).distinct()).hasSize(4);

            JsonNode deliveries = api().get("/api/webhooks/" + webhook + "/deliveries?status=DELIVERED").json();
            assertThat(deliveries.get("totalElements").asLong())
                .isEqualTo(receiver.requests().stream().map(Receiver.Request::deliveryId).distinct().count());
            assertThat(deliveries.get("content").get(0).get("attemptLog").get(0).get("statusCode").asInt())
                .isEqualTo(200);
            delete(webhook);
        }
    }

    @Test
    void aReceiverThatIsDownForAWhileGetsEveryEventInOrderWhenItIsUpAgain() throws Exception {
        try (Receiver receiver = new Receiver(SECRET)) {
            long dataset = api().uploadMallCustomers();
            long webhook = webhook(receiver, dataset, "ENTERED", "EXITED");
            long three = api().succeededRun(RUN.formatted(dataset, 3));
            long five = api().succeededRun(RUN.formatted(dataset, 5));
            receiver.down();
            publish(three);
            publish(five);
            // Several attempts fail while it is down; the batches behind the first one wait their turn.
            Poll.until(PATIENCE, "failed attempts", () -> firstDelivery(webhook).get("attempts").asInt() >= 3);
            JsonNode waiting = firstDelivery(webhook);
            assertThat(waiting.get("status").asString()).isEqualTo("PENDING");
            assertThat(waiting.get("lastError").asString()).contains("Could not reach the receiver");
            assertThat(waiting.get("lastStatusCode").isNull()).isTrue();
            assertThat(api().get("/api/webhooks/" + webhook).json().get("pending").asLong()).isGreaterThan(4);

            receiver.up();
            List<JsonNode> feed = feed(dataset);
            assertThat(ids(awaitEvents(receiver, feed.size()))).isEqualTo(ids(feed));
            delete(webhook);
        }
    }

    @Test
    void aRefusedDeliveryIsRetriedWithBackoffUntilItIsAccepted() throws Exception {
        try (Receiver receiver = new Receiver(SECRET)) {
            long dataset = api().uploadMallCustomers();
            long webhook = webhook(receiver, dataset, "PUBLISHED");
            receiver.answer(500, 503, 302);
            publish(api().succeededRun(RUN.formatted(dataset, 3)));

            assertThat(awaitEvents(receiver, 1)).hasSize(1);
            JsonNode delivery = awaitFirstDelivery(webhook, "DELIVERED");
            List<Integer> codes = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            delivery.get("attemptLog").forEach(attempt -> {
                if (!attempt.get("statusCode").isNull()) {
                    codes.add(attempt.get("statusCode").asInt());
                    errors.add(attempt.get("error").asString(""));
                }
            });
            assertThat(codes).containsExactly(500, 503, 302, 200);
            assertThat(delivery.get("attempts").asInt()).isGreaterThanOrEqualTo(4);
            assertThat(errors.get(0)).contains("500").contains("not now");
            assertThat(errors.get(2)).contains("redirects are not followed");
            // Each attempt of one delivery carries the same idempotency id.
            assertThat(receiver.requests().stream().map(Receiver.Request::deliveryId).distinct()).hasSize(1);
            assertThat(api().get("/actuator/prometheus").body())
                .contains("segmentation_webhook_attempts_seconds_count{result=\"failed\"}")
                .contains("segmentation_webhook_attempts_seconds_count{result=\"delivered\"}");
            delete(webhook);
        }
    }

    @Test
    void aSlowReceiverNeverHoldsUpAPublish() throws Exception {
        try (Receiver receiver = new Receiver(SECRET)) {
            long dataset = api().uploadMallCustomers();
            long webhook = webhook(receiver, dataset);
            long three = api().succeededRun(RUN.formatted(dataset, 3));
            long five = api().succeededRun(RUN.formatted(dataset, 5));
            receiver.hold();
            publish(three);
            assertThat(receiver.awaitHeld(30)).isTrue();
            // The receiver holds the first batch; publishing again answers at once all the same.
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> publish(five));
            second.get(20, TimeUnit.SECONDS);
            receiver.release();
            List<JsonNode> feed = feed(dataset);
            assertThat(ids(awaitEvents(receiver, feed.size() + 2).stream()
                .filter(event -> !event.get("type").asString().equals("PUBLISHED"))
                .toList())).isEqualTo(ids(feed));
            delete(webhook);
        }
    }

    @Test
    void aDeliveryWhoseRetriesRunOutIsParkedTheNextOneGoesOnAndAParkedOneCanBeRetried() throws Exception {
        try (Receiver receiver = new Receiver(SECRET)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            long dataset = api().uploadMallCustomers();
            long webhook = webhook(receiver, dataset, "PUBLISHED");
            receiver.answer(500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500);
            long three = api().succeededRun(RUN.formatted(dataset, 3));
            publish(three);
            Poll.until(PATIENCE, "a failed attempt", () -> firstDelivery(webhook).get("attempts").asInt() >= 1);
            // Its retry period ends now: the next failed attempt parks it.
            jdbc.update("UPDATE webhook_delivery SET retry_until = now() WHERE webhook_id = ?", webhook);
            JsonNode parked = awaitFirstDelivery(webhook, "PARKED");
            assertThat(parked.get("nextAttemptAt").isNull()).isTrue();
            assertThat(api().get("/api/webhooks/" + webhook).json().get("parked").asLong()).isEqualTo(1);

            // A later publish is delivered past the parked one.
            receiver.answerOk();
            publish(api().succeededRun(RUN.formatted(dataset, 5)));
            Poll.until(PATIENCE, "the later delivery", () -> receiver.events().size() == 1);

            long parkedId = parked.get("id").asLong();
            Answer retried = api().postJson("/api/webhooks/" + webhook + "/deliveries/" + parkedId + "/retry", "");
            assertThat(retried.status()).as(retried.body()).isEqualTo(200);
            assertThat(retried.headers().firstValue("X-Segments-Retried-Deliveries")).hasValue("1");
            Poll.until(PATIENCE, "the retried delivery", () -> api().get("/api/webhooks/" + webhook + "/deliveries/"
                    + parkedId).json().get("status").asString().equals("DELIVERED"));
            assertThat(receiver.events()).extracting(event -> event.get("segmentationId").asLong()).contains(three);
            Answer again = api().postJson("/api/webhooks/" + webhook + "/deliveries/" + parkedId + "/retry", "");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("detail").asString()).contains("DELIVERED");
            // RFC 9457's status is the HTTP status; the delivery's is a member of its own (once: no duplicate key).
            assertThat(again.json().get("status").asInt()).isEqualTo(409);
            assertThat(again.json().get("deliveryStatus").asString()).isEqualTo("DELIVERED");
            assertThat(again.body().split("\"status\"", -1)).hasSize(2);
            assertThat(api().get("/api/webhooks/" + webhook + "/deliveries?size=0").status()).isEqualTo(400);
            assertThat(api().postJson("/api/webhooks/" + webhook + "/deliveries/999999999/retry", "").status())
                .isEqualTo(404);
            delete(webhook);
        }
    }

    @Test
    void retryingAParkedDeliveryBringsBackTheEarlierParkedOnesFirst() throws Exception {
        try (Receiver receiver = new Receiver(SECRET)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            long dataset = api().uploadMallCustomers();
            long webhook = webhook(receiver, dataset);
            receiver.answer(java.util.Collections.nCopies(100, 500).toArray(Integer[]::new));
            publish(api().succeededRun(RUN.formatted(dataset, 3)));
            Poll.until(PATIENCE, "the publish's deliveries", () -> jdbc.queryForObject("SELECT count(*) FROM "
                    + "webhook_delivery WHERE webhook_id = ? AND kind = 'PUBLISHED'", Long.class, webhook) == 1);
            // Their retry periods end now: each one's next failed attempt parks it, and lets the next one go.
            jdbc.update("UPDATE webhook_delivery SET retry_until = now() WHERE webhook_id = ?", webhook);
            Poll.until(PATIENCE, "every delivery parked, none in flight", () -> jdbc.queryForObject("SELECT count(*) "
                    + "FROM webhook_delivery WHERE webhook_id = ? AND (status <> 'PARKED' OR lease_until >= now())",
                    Long.class, webhook) == 0);
            List<Long> deliveries = jdbc.queryForList("SELECT id FROM webhook_delivery WHERE webhook_id = ? ORDER BY id",
                    Long.class, webhook);
            assertThat(deliveries).hasSizeGreaterThanOrEqualTo(2);
            receiver.answerOk();

            // The last one retried first, as the list shows them (newest first): the feed still arrives in its order.
            Answer retried = api().postJson("/api/webhooks/" + webhook + "/deliveries/"
                    + deliveries.get(deliveries.size() - 1) + "/retry", "");
            assertThat(retried.status()).as(retried.body()).isEqualTo(200);
            assertThat(retried.headers().firstValue("X-Segments-Retried-Deliveries"))
                .hasValue(Integer.toString(deliveries.size()));
            Poll.until(PATIENCE, "every delivery", () -> jdbc.queryForObject("SELECT count(*) FROM webhook_delivery "
                    + "WHERE webhook_id = ? AND status = 'DELIVERED'", Long.class, webhook) == deliveries.size());
            List<JsonNode> delivered = receiver.requests().stream().filter(request -> request.status() == 200)
                .map(Receiver.Request::json).toList();
            assertThat(delivered).extracting(body -> body.get("kind").asString()).last().isEqualTo("PUBLISHED");
            List<JsonNode> events = new ArrayList<>();
            delivered.stream().filter(body -> body.get("kind").asString().equals("CHANGES"))
                .forEach(body -> body.get("events").forEach(events::add));
            assertThat(ids(events)).isEqualTo(ids(feed(dataset)));
            delete(webhook);
        }
    }

    @Test
    void aTestEventIsSentAtOnceAndAFailedTestIsParked() throws Exception {
        try (Receiver receiver = new Receiver(SECRET)) {
            long webhook = webhook(receiver, null, "RUN_FAILED");
            Answer tested = api().postJson("/api/webhooks/" + webhook + "/test", "");
            assertThat(tested.status()).as(tested.body()).isEqualTo(200);
            assertThat(tested.json().get("status").asString()).isEqualTo("DELIVERED");
            assertThat(tested.json().get("kind").asString()).isEqualTo("TEST");
            assertThat(receiver.events()).singleElement()
                .satisfies(event -> assertThat(event.get("type").asString()).isEqualTo("TEST"));
            receiver.down();
            Answer failed = api().postJson("/api/webhooks/" + webhook + "/test", "");
            assertThat(failed.json().get("status").asString()).isEqualTo("PARKED");
            assertThat(failed.json().get("lastError").asString()).contains("Could not reach the receiver");
            assertThat(api().postJson("/api/webhooks/987654321/test", "").status()).isEqualTo(404);
            delete(webhook);
        }
    }

    @Test
    void aFailedRunIsSentToItsDatasetsWebhooks() throws Exception {
        try (Receiver receiver = new Receiver(SECRET)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            long dataset = api().uploadMallCustomers();
            long webhook = webhook(receiver, dataset, "RUN_FAILED");
            long model = api().succeededRun(RUN.formatted(dataset, 3));
            // A run whose instance died on its every attempt: the queue fails it when its lease has run out.
            long doomed = jdbc.queryForObject("INSERT INTO segmentation (dataset_id, status, params, started_at, "
                    + "claimed_by, lease_until, attempt) SELECT dataset_id, 'RUNNING', params, now(), 'gone:1:x', "
                    + "now() - interval '1 minute', 3 FROM segmentation WHERE id = ? RETURNING id", Long.class, model);
            JsonNode event = awaitEvents(receiver, 1).get(0);
            assertThat(event.get("type").asString()).isEqualTo("RUN_FAILED");
            assertThat(event.get("segmentationId").asLong()).isEqualTo(doomed);
            assertThat(event.get("datasetId").asLong()).isEqualTo(dataset);
            assertThat(event.get("error").asString()).contains("stopped without finishing");
            delete(webhook);
        }
    }

    @Test
    void aDriftedScoringRunOfALaterVersionIsSentToTheWebhooksOfTheFirst() throws Exception {
        try (Receiver receiver = new Receiver(SECRET)) {
            long dataset = api().uploadMallCustomers();
            long webhook = webhook(receiver, dataset, "DRIFT_DETECTED", "PUBLISHED");
            long model = api().succeededRun(RUN.formatted(dataset, 4));
            // The next version: every customer spends 60 points less (at least 1).
            StringBuilder csv = new StringBuilder("CustomerID,Genre,Age,Annual Income (k$),Spending Score (1-100)\n");
            for (int i = 1; i <= 200; i++) {
                csv.append(i).append(",Female,30,").append(15 + i % 100).append(',').append(Math.max(1, i % 100 - 60))
                    .append('\n');
            }
            Answer version = api().postCsv("/api/datasets/" + dataset + "/versions/csv?force=true", csv.toString());
            assertThat(version.status()).as(version.body()).isEqualTo(201);
            long second = version.json().get("id").asLong();
            Answer scoring = api().postJson("/api/segmentations/" + model + "/score", "{\"datasetId\": " + second + "}");
            assertThat(scoring.status()).as(scoring.body()).isEqualTo(202);
            long scored = scoring.json().get("id").asLong();
            assertThat(api().awaitRun(scored).get("drift").get("driftDetected").asBoolean()).isTrue();

            JsonNode event = awaitEvents(receiver, 1).get(0);
            assertThat(event.get("type").asString()).isEqualTo("DRIFT_DETECTED");
            assertThat(event.get("segmentationId").asLong()).isEqualTo(scored);
            assertThat(event.get("datasetId").asLong()).isEqualTo(second);
            assertThat(event.get("lineageId").asLong()).isEqualTo(dataset);
            assertThat(event.get("drift").get("modelRunId").asLong()).isEqualTo(model);
            assertThat(event.get("drift").get("reasons")).anySatisfy(reason ->
                assertThat(reason.asString()).contains("\"Spending Score (1-100)\" shifted"));
            // A publish of the version is the first version's, for its webhooks too.
            publish(scored);
            JsonNode published = awaitEvents(receiver, 2).get(1);
            assertThat(published.get("type").asString()).isEqualTo("PUBLISHED");
            assertThat(published.get("lineageId").asLong()).isEqualTo(dataset);
            assertThat(published.get("datasetId").asLong()).isEqualTo(second);
            // Following a later version means following the table: the webhook is made for the first version.
            long byVersion = webhook(receiver, second, "PUBLISHED");
            assertThat(api().get("/api/webhooks/" + byVersion).json().get("datasetId").asLong()).isEqualTo(dataset);
            delete(byVersion);
            delete(webhook);
        }
    }

    @Test
    void deletingADatasetRemovesTheWebhooksThatFollowedIt() throws Exception {
        try (Receiver receiver = new Receiver(SECRET)) {
            long dataset = api().uploadMallCustomers();
            long webhook = webhook(receiver, dataset);
            assertThat(api().delete("/api/datasets/" + dataset).status()).isEqualTo(204);
            assertThat(api().get("/api/webhooks/" + webhook).status()).isEqualTo(404);
        }
    }

    private long webhook(Receiver receiver, Long dataset, String... events) {
        String body = "{\"url\": \"" + receiver.url() + "\", \"secret\": \"" + SECRET + "\""
                + (dataset == null ? "" : ", \"dataset\": " + dataset)
                + (events.length == 0 ? "" : ", \"events\": [\"" + String.join("\", \"", events) + "\"]") + "}";
        Answer made = api().postJson("/api/webhooks", body);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json().get("webhook").get("id").asLong();
    }

    private void publish(long run) {
        Answer published = api().postJson("/api/segmentations/" + run + "/publish", "");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
    }

    private void delete(long webhook) {
        assertThat(api().delete("/api/webhooks/" + webhook).status()).isEqualTo(204);
    }

    /** The oldest delivery of a webhook. */
    private JsonNode firstDelivery(long webhook) {
        JsonNode page = api().get("/api/webhooks/" + webhook + "/deliveries?size=1000").json().get("content");
        return page.get(page.size() - 1);
    }

    /** The oldest delivery of a webhook once it has the status. */
    private JsonNode awaitFirstDelivery(long webhook, String status) {
        return Poll.until(PATIENCE, "the first delivery to be " + status, () -> {
            JsonNode first = firstDelivery(webhook);
            return first.get("status").asString().equals(status) ? first : null;
        });
    }

    private List<JsonNode> feed(long dataset) {
        JsonNode page = api().get("/api/segments/changes?dataset=" + dataset + "&limit=10000").json();
        List<JsonNode> events = new ArrayList<>();
        page.get("events").forEach(events::add);
        return events;
    }

    private static List<JsonNode> awaitEvents(Receiver receiver, int count) {
        return Poll.until(PATIENCE, count + " events at the receiver", () -> {
            List<JsonNode> events = receiver.events();
            assertThat(events.size()).as("no more events than sent").isLessThanOrEqualTo(count);
            return events.size() == count ? events : null;
        });
    }

    private static List<Long> ids(List<JsonNode> events) {
        return events.stream().map(event -> event.get("id").asLong()).toList();
    }

}
