package io.customersegments.run;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a scoring run assigns with a finished run's model.
 *
 * @param datasetId the customers to assign: usually the next version of the model run's table (for order lines,
 *        the customers derived from them); it must have the columns the model reads
 */
public record ScoreRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "5") Long datasetId) {
}
