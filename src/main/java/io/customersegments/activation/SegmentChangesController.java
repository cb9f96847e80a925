package io.customersegments.activation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Activation", description = "Customers entering and leaving the live segments, for marketing tools")
class SegmentChangesController {

    private final SegmentChanges changes;

    private final SegmentHistory history;

    SegmentChangesController(SegmentChanges changes, SegmentHistory history) {
        this.changes = changes;
        this.history = history;
    }

    @GetMapping("/api/segments/changes")
    @Operation(operationId = "listSegmentChanges", summary = "Customers who entered or left live segments, in order",
            description = "Every publish writes, per customer whose segment changed, EXITED (the segment of the run "
                    + "live before) and ENTERED (the new one); the first publish of a dataset writes ENTERED for "
                    + "everyone. Events have one total order: store `next` and ask with `after=next` to get every "
                    + "event once, none missed, none repeated.")
    @ApiResponse(responseCode = "200", description = "The events after the cursor, oldest first", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A cursor or limit out of range", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    SegmentChanges.Page changes(
            @Parameter(description = "Only this dataset's events (default: every dataset's)") @RequestParam(name = "dataset",
                    required = false) Long datasetId,
            @Parameter(description = "The cursor: 0 for the beginning, else the `next` of the previous page") @RequestParam(
                    defaultValue = "0") @Min(0) long after,
            @Parameter(description = "At most this many events") @RequestParam(defaultValue = "1000") @Min(1)
            @Max(SegmentChanges.MAX_LIMIT) int limit) {
        return changes.after(datasetId, after, limit);
    }

    @GetMapping("/api/segments/history")
    @Operation(operationId = "getSegmentHistory", summary = "Each publish of a dataset with every live segment's size "
            + "and share then, oldest first",
            description = "Segments are matched across publishes by their stable key, so a key's sizes over the "
                    + "publishes show how that audience grew or shrank. The chart: /api/segments/history/chart.")
    @ApiResponse(responseCode = "200", description = "The publishes", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A limit out of range", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    SegmentHistory.History history(@Parameter(description = "The dataset") @RequestParam(name = "dataset") long datasetId,
            @Parameter(description = "At most this many publishes, the latest") @RequestParam(defaultValue = "100")
            @Min(1) @Max(SegmentHistory.MAX_LIMIT) int limit) {
        return history.of(datasetId, limit);
    }

}
