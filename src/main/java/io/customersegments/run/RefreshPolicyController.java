package io.customersegments.run;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a new version of a customer table starts; the runs it starts are this module's. */
@RestController
@RequestMapping("/api/datasets")
@Tag(name = "Datasets")
class RefreshPolicyController {

    private final RefreshPolicies policies;

    RefreshPolicyController(RefreshPolicies policies) {
        this.policies = policies;
    }

    @GetMapping("/{id}/refresh-policy")
    @Operation(operationId = "getRefreshPolicy", summary = "What a new version of the dataset's table starts",
            description = "NONE unless set; any version's id answers its table's policy.")
    @ApiResponse(responseCode = "200", description = "The policy", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    RefreshPolicy find(@PathVariable long id) {
        return policies.of(id);
    }

    @PutMapping(path = "/{id}/refresh-policy", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "setRefreshPolicy", summary = "Set what a new version of the dataset's table starts",
            description = "On each POST /api/datasets/{id}/versions: SCORE starts a scoring run with the live run's "
                    + "model (an RFM live run is retrained instead: its quintiles are of its own customers), RETRAIN a "
                    + "new run with the live run's parameters, NONE nothing; without a live run nothing starts. With "
                    + "autoPublish the run is published when it succeeds, unless it is a scoring run that found drift "
                    + "(DRIFT_DETECTED webhooks hear of it and a person decides). The policy belongs to the table: "
                    + "any version's id sets it for all.")
    @ApiResponse(responseCode = "200", description = "The policy now", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "No onNewVersion, or a dataset of order lines or derived from them",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    RefreshPolicy set(@PathVariable long id, @RequestBody RefreshPolicy.Request request) {
        return policies.set(id, request);
    }

}
