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

    SegmentChangesController(SegmentChanges changes) {
        this.changes = changes;
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

}
