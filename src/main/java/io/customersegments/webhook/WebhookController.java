package io.customersegments.webhook;

import java.security.Principal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.customersegments.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Activation")
class WebhookController {

    private static final String PROBLEM = "application/problem+json";

    /** The answer to a retry: how many deliveries it made due again. */
    static final String RETRIED_HEADER = "X-Segments-Retried-Deliveries";

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/api/webhooks")
    @Operation(operationId = "createWebhook", summary = "Have segment changes and run events POSTed to a URL (ADMIN)",
            description = "Each delivery is a JSON envelope `{id, webhookId, kind, datasetId, segmentationId, events}` "
                    + "with up to 1,000 events, in order per dataset. It is signed: `X-Segments-Signature: "
                    + "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">` with the webhook's secret (refuse old "
                    + "times to refuse replays), and `X-Segments-Delivery` (also the body's `id`) is the same on every "
                    + "attempt, so a receiver can drop what it already handled. Failed attempts (no 2xx within the "
                    + "time-out; redirects are not followed) are retried with exponential backoff and jitter for "
                    + "24 h, then parked. Loopback, link-local and private addresses are refused unless the host is "
                    + "in segmentation.webhooks.allowed-hosts. The secret is answered this once.")
    @ApiResponse(responseCode = "201", description = "Made; the answer holds the secret")
    @ApiResponse(responseCode = "400", description = "A URL that may not be called, or an unknown event kind",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = PROBLEM))
    ResponseEntity<NewWebhook> create(@Valid @RequestBody WebhookRequest request, Principal by) {
        NewWebhook made = webhooks.create(request, by == null ? null : by.getName());
        return ResponseEntity
            .created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(made.webhook().id())
                .toUri())
            .body(made);
    }

    @GetMapping("/api/webhooks")
    @Operation(operationId = "listWebhooks", summary = "List the webhooks, without their secrets (ADMIN)")
    @ApiResponse(responseCode = "200", description = "A page of webhooks", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A page out of range", content = @Content(mediaType = PROBLEM))
    PageView<WebhookView> list(@RequestParam(defaultValue = "0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return webhooks.list(page, size);
    }

    @GetMapping("/api/webhooks/{id}")
    @Operation(operationId = "getWebhook", summary = "A webhook and how many deliveries wait or are parked (ADMIN)")
    @ApiResponse(responseCode = "200", description = "The webhook", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No such webhook", content = @Content(mediaType = PROBLEM))
    WebhookView get(@PathVariable long id) {
        return webhooks.find(id);
    }

    @DeleteMapping("/api/webhooks/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Remove a webhook and its deliveries (ADMIN)")
    @ApiResponse(responseCode = "204", description = "Removed: nothing more is sent to it")
    @ApiResponse(responseCode = "404", description = "No such webhook", content = @Content(mediaType = PROBLEM))
    ResponseEntity<Void> delete(@PathVariable long id) {
        webhooks.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/webhooks/{id}/test")
    @Operation(operationId = "testWebhook", summary = "Send a signed TEST event now and answer how it went (ADMIN)",
            description = "The attempt is made while the request waits (up to the webhook time-out) and is kept "
                    + "among the deliveries; a failed test is parked, not retried by itself.")
    @ApiResponse(responseCode = "200", description = "The test delivery, DELIVERED or PARKED with the receiver's "
            + "answer", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No such webhook", content = @Content(mediaType = PROBLEM))
    DeliveryView test(@PathVariable long id) throws InterruptedException {
        return webhooks.test(id);
    }

    @GetMapping("/api/webhooks/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "A webhook's deliveries, newest first, with every "
            + "attempt's status code and error (ADMIN)")
    @ApiResponse(responseCode = "200", description = "A page of deliveries", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No such webhook", content = @Content(mediaType = PROBLEM))
    PageView<DeliveryView> deliveries(@PathVariable long id,
            @Parameter(description = "Only deliveries in this state") @RequestParam(required = false)
            DeliveryStatus status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return webhooks.deliveries(id, status, page, size);
    }

    @GetMapping("/api/webhooks/{id}/deliveries/{deliveryId}")
    @Operation(operationId = "getWebhookDelivery", summary = "One delivery and its attempts (ADMIN)")
    @ApiResponse(responseCode = "200", description = "The delivery", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No such webhook or delivery",
            content = @Content(mediaType = PROBLEM))
    DeliveryView delivery(@PathVariable long id, @PathVariable long deliveryId) {
        return webhooks.delivery(id, deliveryId);
    }

    @PostMapping("/api/webhooks/{id}/deliveries/{deliveryId}/retry")
    @Operation(operationId = "retryWebhookDelivery", summary = "Send a parked delivery again (ADMIN)",
            description = "It is due at once, with a new retry period and the same idempotency id; the webhook's "
                    + "later deliveries of the same dataset wait until it is delivered or parked again. The webhook's "
                    + "earlier parked deliveries of the same dataset come back with it and go first, so the receiver "
                    + "still gets the changes in the feed's order; the " + RETRIED_HEADER + " header says how many "
                    + "deliveries the retry made due, this one included.")
    @ApiResponse(responseCode = "200", description = "The delivery, PENDING again", useReturnTypeSchema = true,
            headers = @Header(name = RETRIED_HEADER, description = "How many deliveries are due again: this one and "
                    + "the earlier parked ones of its webhook and dataset", schema = @Schema(type = "integer")))
    @ApiResponse(responseCode = "404", description = "No such webhook or delivery",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "409", description = "The delivery is not parked", content = @Content(mediaType = PROBLEM))
    ResponseEntity<DeliveryView> retry(@PathVariable long id, @PathVariable long deliveryId) {
        DeliveryQueue.Retried retried = webhooks.retry(id, deliveryId);
        return ResponseEntity.ok()
            .header(RETRIED_HEADER, Integer.toString(retried.deliveries()))
            .body(retried.delivery());
    }

}
