package io.customersegments.segments;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on what marketing apps may ask of the segments ({@code segmentation.segments.*}).
 *
 * @param maxPredictCustomers most customers one predict call may score; beyond it 413
 * @param maxConcurrentExports CSV exports streamed at once, each on a database connection; beyond it 503
 */
@ConfigurationProperties("segmentation.segments")
@Validated
record SegmentsSettings(@DefaultValue("10000") @Min(1) @Max(1_000_000) int maxPredictCustomers,
        @DefaultValue("2") @Min(1) int maxConcurrentExports) {
}
