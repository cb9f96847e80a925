package io.customersegments.segments;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import tools.jackson.core.JacksonException;

import io.customersegments.run.SegmentView;
import io.customersegments.security.Role;
import io.customersegments.web.CsvDownload;
import io.customersegments.web.PageView;

@RestController
@Tag(name = "Segments", description = "The live segments, for marketing apps")
class SegmentsController {

    private static final String DATASET = "The dataset whose published run is meant: RFM segments have the same keys "
            + "(champions, at-risk, ...) on every dataset; without it, the latest publish with the key";

    private final Segments segments;

    private final CustomerScoring scoring;

    private final ExportSlots exports;

    SegmentsController(Segments segments, CustomerScoring scoring, ExportSlots exports) {
        this.segments = segments;
        this.scoring = scoring;
        this.exports = exports;
    }

    @GetMapping("/api/segments")
    @Operation(operationId = "listLiveSegments", summary = "The live segments",
            description = "Those of the published run of the dataset given, or without one of the most recently "
                    + "published run; never an unpublished run's. 404 until a run is published. Served from memory with "
                    + "an ETag (send If-None-Match for a 304); while the database is away, the last segments loaded.")
    @ApiResponse(responseCode = "200", description = "The live segments",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LiveSegments.class)))
    @ApiResponse(responseCode = "404", description = "Nothing published yet", content = @Content(mediaType = "application/problem+json"))
    void live(@RequestParam(name = "dataset", required = false) Long datasetId, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        // Successful GETs are answered by LiveSegmentsFilter before they get here; this answers the rest
        // (HEAD, odd parameters, no live run) the same way, and documents the resource.
        if (request.getAttribute(LiveSegmentsFilter.FAILURE) instanceof RuntimeException failure) {
            throw failure;
        }
        LiveSegmentsFilter.write(segments.liveJson(datasetId), request, response);
    }

    @GetMapping("/api/segments/{key}")
    @Operation(operationId = "getLiveSegment", summary = "One live segment by its stable key")
    @ApiResponse(responseCode = "404", description = "No live segment has the key", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The live segment", useReturnTypeSchema = true)
    SegmentView segment(@PathVariable String key, @Parameter(description = DATASET) @RequestParam(name = "dataset",
            required = false) Long datasetId) {
        return segments.segment(key, datasetId);
    }

    @GetMapping(path = "/api/segments/{key}/customers", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getSegmentAudience", summary = "A page of a live segment's customers (all of them as CSV: customers.csv)",
            description = "The older name of /api/segments/{key}/members, which answers the same page.", deprecated = true)
    @ApiResponse(responseCode = "404", description = "No live segment has the key", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "400", description = "A page or size out of range", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "A page of the segment's customers", useReturnTypeSchema = true)
    PageView<AudienceMember> audience(@PathVariable String key, @RequestParam(defaultValue = "0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(10000) int size,
            @Parameter(description = DATASET) @RequestParam(name = "dataset", required = false) Long datasetId) {
        return segments.audience(key, datasetId, page, size);
    }

    @GetMapping(path = "/api/segments/{key}/members", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listSegmentMembers", summary = "A page of a live segment's members",
            description = "The same page as /api/segments/{key}/customers, by the name customer-data platforms use.")
    @ApiResponse(responseCode = "404", description = "No live segment has the key", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "400", description = "A page or size out of range", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "A page of the segment's members", useReturnTypeSchema = true)
    PageView<AudienceMember> members(@PathVariable String key, @RequestParam(defaultValue = "0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(10000) int size,
            @Parameter(description = DATASET) @RequestParam(name = "dataset", required = false) Long datasetId) {
        return segments.audience(key, datasetId, page, size);
    }

    @GetMapping("/api/segments/{key}/members/count")
    @Operation(operationId = "countSegmentMembers", summary = "How many customers a live segment has")
    @ApiResponse(responseCode = "404", description = "No live segment has the key", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The segment's size", useReturnTypeSchema = true)
    MemberCount memberCount(@PathVariable String key,
            @Parameter(description = DATASET) @RequestParam(name = "dataset", required = false) Long datasetId) {
        return segments.memberCount(key, datasetId);
    }

    @GetMapping("/api/segments/{key}/members/{customerId}")
    @Operation(operationId = "getSegmentMembership", summary = "Whether a customer is in a live segment now",
            description = "`member` is false for a customer in another segment, left out of the run, or unknown.")
    @ApiResponse(responseCode = "404", description = "No live segment has the key", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The customer's membership", useReturnTypeSchema = true)
    Membership membership(@PathVariable String key, @PathVariable String customerId,
            @Parameter(description = DATASET) @RequestParam(name = "dataset", required = false) Long datasetId) {
        return segments.membership(key, customerId, datasetId);
    }

    /** The same CSV by content negotiation (Accept: text/csv) on the JSON path, as before it had a path of its own. */
    @Hidden
    @GetMapping(path = "/api/segments/{key}/customers", produces = "text/csv")
    ResponseEntity<StreamingResponseBody> audienceCsvNegotiated(@PathVariable String key,
            @RequestParam(name = "dataset", required = false) Long datasetId,
            @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        return audienceCsv(key, datasetId, page, size);
    }

    @GetMapping(path = "/api/segments/{key}/customers.csv", produces = "text/csv")
    @Operation(operationId = "downloadAudience", summary = "All of a live segment's customers, as CSV (streamed)")
    @ApiResponse(responseCode = "200", description = "The segment's customers, streamed", content = @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", description = "No live segment has the key", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "Every export slot is taken (Retry-After)", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<StreamingResponseBody> audienceCsv(@PathVariable String key,
            @Parameter(description = DATASET) @RequestParam(name = "dataset", required = false) Long datasetId,
            @Parameter(hidden = true) @RequestParam(required = false) String page,
            @Parameter(hidden = true) @RequestParam(required = false) String size) {
        if (page != null || size != null) {
            // A client that asked for one page must not be handed every customer.
            throw new InvalidAudienceParameterException(page != null ? "page" : "size", "The CSV holds every customer "
                    + "of the segment, in one piece; page and size page the JSON answer (/api/segments/{key}/customers "
                    + "with Accept: application/json).");
        }
        segments.segment(key, datasetId);
        return CsvDownload.attachment("segment-" + key + ".csv", exports.acquire(),
                out -> segments.writeAudienceCsv(key, datasetId, out));
    }

    @GetMapping(path = "/api/customers/segment", params = "customerId")
    @Operation(operationId = "findCustomerSegment", summary = "A customer's live segment, the id as a query parameter",
            description = "The same as /api/customers/{externalId}/segment, for ids that a path cannot carry (with / or \\).")
    @ApiResponse(responseCode = "404", description = "Unknown customer", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The customer's live segment", useReturnTypeSchema = true)
    CustomerSegment customerSegmentByQuery(@RequestParam String customerId,
            @RequestParam(name = "dataset", required = false) Long datasetId) {
        return segments.customerSegment(customerId, datasetId);
    }

    @GetMapping("/api/customers/{externalId}/segment")
    @Operation(operationId = "getCustomerSegment", summary = "A customer's live segment, with the distance to its centre and the margin to the runner-up")
    @ApiResponse(responseCode = "404", description = "Unknown customer", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The customer's live segment", useReturnTypeSchema = true)
    CustomerSegment customerSegment(@PathVariable String externalId,
            @RequestParam(name = "dataset", required = false) Long datasetId) {
        return segments.customerSegment(externalId, datasetId);
    }

    @PostMapping(path = "/api/segmentations/{id}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "predictSegments", summary = "Score new customers with a run's model",
            description = "A JSON array of customers, each an object from feature (as the run named it, or its key) to "
                    + "value, optionally with externalId; at most segmentation.segments.max-predict-customers (10,000) per "
                    + "call. Answers in the same order.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(schema = @Schema(type = "object",
                    example = "{\"externalId\": \"new-1\", \"Annual Income (k$)\": 90, \"Spending Score (1-100)\": 15}"))))
    @ApiResponse(responseCode = "400", description = "Customers that cannot be scored (errors name each by index)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "A READER key, and the run is not published", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such run", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The run has not succeeded", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "More customers than one call may score, or a body beyond the limit",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "One answer per customer, in order", useReturnTypeSchema = true)
    List<Prediction> predict(@PathVariable long id, HttpServletRequest request) throws IOException {
        try (InputStream body = request.getInputStream()) {
            // READER keys (marketing apps) score with published runs only, as they read published segments only.
            return scoring.predict(id, body, request.isUserInRole(Role.ANALYST.name()));
        }
        catch (JacksonException ex) {
            // The advice answers this as it answers any unreadable JSON body (and 413 when the body was too large).
            throw new HttpMessageNotReadableException(ex.getOriginalMessage(), ex, new ServletServerHttpRequest(request));
        }
    }

    @GetMapping(path = "/api/segmentations/{id}/assignments.csv", produces = "text/csv")
    @Operation(operationId = "downloadAssignments", summary = "Every customer's segment in a run, as CSV (streamed)")
    @ApiResponse(responseCode = "404", description = "No such run", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The run has not succeeded", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "Every export slot is taken (Retry-After)", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "Every customer's assignment, streamed", content = @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<StreamingResponseBody> assignments(@PathVariable long id) {
        segments.requireAssignments(id);
        return CsvDownload.attachment("segmentation-" + id + "-assignments.csv", exports.acquire(),
                out -> segments.writeAssignmentsCsv(id, out));
    }

}
