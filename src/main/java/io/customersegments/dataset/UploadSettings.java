package io.customersegments.dataset;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits and tuning of CSV uploads ({@code segmentation.upload.*}).
 *
 * @param maxSize largest accepted upload; beyond it the answer is 413
 * @param maxRejectedShare share of data rows that may be rejected before the whole upload is refused
 * @param maxColumns most columns a file may have
 * @param inferenceSampleRows rows read before column types are decided
 * @param exactStatisticsValues numeric values kept in memory for exact quantiles, over all columns; beyond it a sample
 * @param maxTrackedCategories distinct values counted exactly per categorical column; beyond it an estimate
 * @param maxReportedErrors rejected rows listed in the quality report
 * @param maxAggregatedEntries for order lines, the distinct (customer, order), (customer, product) and (customer, day)
 *        pairs the upload's streaming pass may keep to derive the customers itself; beyond it (about 100 bytes each)
 *        the customers are derived by SQL over the stored lines instead, which is slower but needs no memory
 * @param maxConcurrent uploads streamed into the database at once, each on a connection of its own; keep it
 *        below the connection pool's size ({@code spring.datasource.hikari.maximum-pool-size}); beyond it 503
 */
@ConfigurationProperties("segmentation.upload")
@Validated
record UploadSettings(@DefaultValue("1GB") DataSize maxSize,
        @DefaultValue("0.10") @DecimalMin("0.0") @DecimalMax("1.0") double maxRejectedShare,
        @DefaultValue("1000") @Min(1) int maxColumns, @DefaultValue("10000") @Min(10) int inferenceSampleRows,
        @DefaultValue("8000000") @Min(10000) long exactStatisticsValues,
        @DefaultValue("10000") @Min(10) int maxTrackedCategories, @DefaultValue("100") @Min(1) int maxReportedErrors,
        @DefaultValue("2000000") @Min(0) long maxAggregatedEntries,
        @DefaultValue("4") @Min(1) int maxConcurrent) {
}
