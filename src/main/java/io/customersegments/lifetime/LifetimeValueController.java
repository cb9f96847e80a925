package io.customersegments.lifetime;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Lifetime value", description = "BG/NBD and Gamma-Gamma: who is still a customer, how much they will buy")
class LifetimeValueController {

    private final LifetimeValues lifetimeValues;

    LifetimeValueController(LifetimeValues lifetimeValues) {
        this.lifetimeValues = lifetimeValues;
    }

    @PostMapping(path = "/api/datasets/{id}/lifetime-value", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "fitLifetimeValue", summary = "Fit customer lifetime value to a customer dataset derived from order lines",
            description = "Fits the BG/NBD purchase model (Fader, Hardie & Lee 2005) and the Gamma-Gamma spend model "
                    + "by maximum likelihood to each customer's purchase history up to calibrationEnd, and stores per "
                    + "customer p_alive, expected_purchases (in the horizon), expected_avg_value and clv (discounted "
                    + "monthly) as columns of the dataset: they show in its summary, can be clustered on, and appear in "
                    + "segment profiles. With holdoutEnd, predictions are compared with the purchases after "
                    + "calibrationEnd.")
    @ApiResponse(responseCode = "200", description = "Fitted; the columns are stored")
    @ApiResponse(responseCode = "400", description = "Too few repeat customers, no positive spend, dates outside the "
            + "data, or not a derived dataset; nothing was stored", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The order lines a holdout or another calibration end needs were "
            + "deleted", content = @Content(mediaType = "application/problem+json"))
    LifetimeValueReport fit(@PathVariable long id, @Valid @RequestBody(required = false) LifetimeValueRequest request) {
        return lifetimeValues.fit(id, request != null ? request : new LifetimeValueRequest(null, null, null, null, null));
    }

    @GetMapping("/api/datasets/{id}/lifetime-value")
    @Operation(operationId = "getLifetimeValue", summary = "The last lifetime-value fit of a dataset")
    @ApiResponse(responseCode = "404", description = "No such dataset, or none fitted yet",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The last fit", useReturnTypeSchema = true)
    LifetimeValueReport last(@PathVariable long id) {
        return lifetimeValues.last(id).orElseThrow(() -> new NoLifetimeValueException(id));
    }

}
