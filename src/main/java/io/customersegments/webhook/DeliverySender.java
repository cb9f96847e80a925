package io.customersegments.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.customersegments.activation.SegmentChange;
import io.customersegments.activation.SegmentChanges;

/**
 * Makes one attempt at a delivery: builds its body (a publish's changes are read from the event feed by their id
 * range), checks the address the URL resolves to now, signs, and POSTs it once. Redirects are not followed: a 3xx is
 * a failed attempt like any answer but 2xx.
 */
@Component
class DeliverySender {

    static final String DELIVERY_HEADER = "X-Segments-Delivery";

    /** How many bytes of a refusing receiver's answer are kept with the attempt. */
    private static final int ERROR_BODY_CHARS = 300;

    private final SegmentChanges changes;

    private final WebhookTargets targets;

    private final JsonMapper json;

    private final WebhookSettings settings;

    private final HttpClient http;

    DeliverySender(SegmentChanges changes, WebhookTargets targets, JsonMapper json, WebhookSettings settings) {
        this.changes = changes;
        this.targets = targets;
        this.json = json;
        this.settings = settings;
        this.http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            // No h2c upgrade headers on plain http, which some receivers refuse.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .build();
    }

    DeliveryQueue.Outcome send(ClaimedDelivery delivery) throws InterruptedException {
        byte[] body = body(delivery);
        if (body == null) {
            return DeliveryQueue.Outcome.nothingToSend();
        }
        long started = System.nanoTime();
        try {
            URI uri = new URI(delivery.url());
            targets.check(uri);
            long now = Instant.now().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "customer-segmentation-service webhooks")
                .header(DELIVERY_HEADER, delivery.deliveryKey().toString())
                .header(WebhookSignature.HEADER, WebhookSignature.header(delivery.secret(), now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
            // The whole exchange, the answer's body included, within the time-out: a receiver that sends a status
            // line and then stalls does not hold a sender (the request's own time-out ends at the headers).
            CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, responseInfo -> headOfBody());
            HttpResponse<String> response;
            try {
                response = exchange.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (TimeoutException ex) {
                exchange.cancel(true);
                throw new HttpTimeoutException("no complete answer");
            }
            catch (ExecutionException ex) {
                if (ex.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(ex.getCause());
            }
            int status = response.statusCode();
            String refusal = null;
            if (status < 200 || status > 299) {
                String text = printable(response.body());
                refusal = "The receiver answered " + status + (status >= 300 && status < 400
                        ? " (redirects are not followed; give the webhook its final URL)" : "")
                        + (text.isEmpty() ? "" : ": " + text);
            }
            return new DeliveryQueue.Outcome(refusal == null, status, refusal, millisSince(started));
        }
        catch (WebhookTargets.RefusedTarget ex) {
            return new DeliveryQueue.Outcome(false, null, ex.getMessage(), millisSince(started));
        }
        catch (HttpTimeoutException ex) {
            return new DeliveryQueue.Outcome(false, null, "No complete answer within " + settings.timeout().toMillis()
                    + " ms.", millisSince(started));
        }
        catch (IOException ex) {
            return new DeliveryQueue.Outcome(false, null, "Could not reach the receiver: " + describe(ex),
                    millisSince(started));
        }
        catch (URISyntaxException | IllegalArgumentException ex) {
            return new DeliveryQueue.Outcome(false, null, "The webhook's URL cannot be called: " + ex.getMessage(),
                    millisSince(started));
        }
    }

    /** The JSON body: one envelope for every kind, its events in order; null when no event is for this webhook. */
    private byte[] body(ClaimedDelivery delivery) {
        List<?> events;
        if (delivery.kind() == DeliveryKind.CHANGES) {
            List<SegmentChange> range = changes.range(delivery.datasetId(), delivery.afterEventId(),
                    delivery.lastEventId()).stream()
                .filter(change -> delivery.events().contains(WebhookEvent.valueOf(change.type().name())))
                .toList();
            if (range.isEmpty()) {
                return null;
            }
            events = range;
        }
        else {
            events = List.of(json.readValue(delivery.payload(), JsonNode.class));
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", delivery.deliveryKey());
        envelope.put("webhookId", delivery.webhookId());
        envelope.put("kind", delivery.kind());
        envelope.put("datasetId", delivery.datasetId());
        envelope.put("segmentationId", delivery.segmentationId());
        envelope.put("events", events);
        return json.writeValueAsBytes(envelope);
    }

    /** Keeps the first {@value #ERROR_BODY_CHARS} bytes of an answer's body and lets the rest go by. */
    private static HttpResponse.BodySubscriber<String> headOfBody() {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArrayConsumer(chunk -> chunk
            .ifPresent(bytes -> head.write(bytes, 0, Math.max(0, Math.min(bytes.length, ERROR_BODY_CHARS - head.size()))))),
                done -> head.toString(StandardCharsets.UTF_8));
    }

    /** Text that can be stored and shown: no NUL or other control characters (a binary error page, say). */
    static String printable(String text) {
        return text.replaceAll("[\\p{Cntrl}&&[^\\t]]+", " ").replace('\uFFFD', '?').strip();
    }

    /** The first message down the causes (the client wraps a refused connection in messageless exceptions). */
    private static String describe(IOException ex) {
        if (ex instanceof ConnectException) {
            return "the connection was refused or timed out.";
        }
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                return cause.getMessage();
            }
        }
        return ex.getClass().getSimpleName();
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

}
