package io.customersegments.run;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.customersegments.web.PageView;

@RestController
@RequestMapping("/api/segmentations")
@Tag(name = "Segmentations", description = "Cluster a dataset into segments and follow the run")
class RunController {

    private final Runs runs;

    RunController(Runs runs) {
        this.runs = runs;
    }

    @PostMapping
    @Operation(operationId = "startSegmentation", summary = "Start a segmentation run",
            description = "Only datasetId and features are required; the defaults (standard scaling, k from 2 to 10 "
                    + "chosen by silhouette, rows with a missing feature dropped, outliers kept, 10 restarts, seed 42) "
                    + "give the classic notebook result. Answers 202 with the queued run; poll its Location.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RunRequest.class), examples = {
                @ExampleObject(name = "classic", summary = "The mall customers notebook: k chosen by silhouette",
                        value = "{\"datasetId\": 1, \"features\": [\"Annual Income (k$)\", \"Spending Score (1-100)\"]}"),
                @ExampleObject(name = "engineered", summary = "Derived and categorical features (marketing campaign)",
                        value = "{\"datasetId\": 3, \"features\": [\"Income\", \"TotalSpend\", \"Age\", \"Marital_Status\"], "
                                + "\"derived\": [{\"name\": \"Age\", \"expression\": \"2014 - Year_Birth\"}, "
                                + "{\"name\": \"TotalSpend\", \"expression\": \"MntWines + MntFruits + MntMeatProducts\"}], "
                                + "\"outliers\": \"DROP\"}"),
                @ExampleObject(name = "soft", summary = "Soft segments: a Gaussian mixture, k by BIC",
                        value = "{\"datasetId\": 1, \"method\": \"GAUSSIAN_MIXTURE\", \"features\": [\"Annual Income (k$)\", "
                                + "\"Spending Score (1-100)\"], \"kMax\": 8}"),
                @ExampleObject(name = "rfm", summary = "RFM segments of order lines (their derived customers)",
                        value = "{\"datasetId\": 4, \"method\": \"RFM\"}") }))
    @ApiResponse(responseCode = "202", description = "Queued")
    @ApiResponse(responseCode = "400", description = "The request cannot run; nothing was queued",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<RunView> start(@Valid @RequestBody RunRequest request) {
        RunView run = runs.submit(request);
        return ResponseEntity
            .accepted()
            .location(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(run.id()).toUri())
            .body(run);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getSegmentation", summary = "A run: status, progress, parameters, the k-selection report and its segments")
    @ApiResponse(responseCode = "404", description = "No such run", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The run", useReturnTypeSchema = true)
    RunView find(@PathVariable long id) {
        return runs.find(id);
    }

    @GetMapping
    @Operation(operationId = "listSegmentations", summary = "List runs, newest first")
    @ApiResponse(responseCode = "200", description = "A page of runs", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A page or size out of range", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    PageView<RunView> list(@RequestParam(defaultValue = "0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(1000) int size,
            @Parameter(description = "Only the runs of this dataset (a refresh policy's runs are on the new version)")
            @RequestParam(required = false) Long dataset) {
        return runs.list(page, size, dataset);
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "cancelSegmentation", summary = "Cancel a queued or running run, or delete a finished one")
    @ApiResponse(responseCode = "204", description = "Cancelled or deleted")
    @ApiResponse(responseCode = "409", description = "The run is published", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "The run has finished and only an ADMIN key may delete it",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Void> cancel(@PathVariable long id, HttpServletRequest request) {
        // Analysts cancel runs; deleting a finished one is for admins (the role names are the security module's).
        runs.cancelOrDelete(id, request.isUserInRole("ADMIN"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/score", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "scoreWithSegmentation", summary = "Assign a dataset's customers with a finished run's model",
            description = "A scoring run: the run's stored model (its scaling, centres, mixture or RFM quintiles) "
                    + "assigns every customer of the dataset, usually the next version of the run's customer table, "
                    + "without retraining. Its segments keep the run's keys, names and recommendations, with the new "
                    + "customers' sizes and profiles; it can be published like any run (and so produces segment "
                    + "events). When it succeeds, `drift` compares its customers with those the model was trained on: "
                    + "each feature's population stability index, each segment's share and the mean distance to the "
                    + "centres; `driftDetected` with the reasons when a threshold is crossed "
                    + "(segmentation.runs.drift-psi, default 0.2; segmentation.runs.drift-share-points, default 5), "
                    + "and webhooks hear DRIFT_DETECTED. Answers 202 with the queued run, like POST /api/segmentations.")
    @ApiResponse(responseCode = "202", description = "Queued")
    @ApiResponse(responseCode = "400", description = "No dataset, or one without the columns the model reads; nothing "
            + "was queued", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such run or dataset", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The run has not succeeded", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<RunView> score(@PathVariable long id, @RequestBody ScoreRequest request) {
        RunView run = runs.score(id, request);
        return ResponseEntity
            .accepted()
            .location(ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/segmentations/{id}")
                .buildAndExpand(run.id()).toUri())
            .body(run);
    }

    @PostMapping("/{id}/publish")
    @Operation(operationId = "publishSegmentation", summary = "Make a successful run the live one for its dataset",
            description = "Segments that match the previous live run's (least total centroid distance) keep their keys; "
                    + "the run records how many customers moved between segments.")
    @ApiResponse(responseCode = "409", description = "The run has not succeeded", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The run, now live", useReturnTypeSchema = true)
    RunView publish(@PathVariable long id) {
        return runs.publish(id);
    }

}
