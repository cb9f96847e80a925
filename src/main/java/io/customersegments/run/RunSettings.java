package io.customersegments.run;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How segmentation runs execute ({@code segmentation.runs.*}).
 *
 * @param concurrency runs executed at the same time; further runs wait as QUEUED
 * @param maxK the largest k a request may ask for
 * @param keyMatchReach on publishing, a new segment takes over an old segment's key only when the old centre
 *        lies within this many times the new segment's mean customer-to-centre distance of its own centre
 * @param heartbeat how often an instance renews the leases of the runs it executes; a run whose lease (four
 *        heartbeats) runs out is taken over by another instance (its own died, or lost the database)
 * @param mixtureFitRows a Gaussian mixture is fitted on at most this many customers (a sample stratified by the
 *        k-means segments that start it), then every customer is assigned; 0 fits on all
 * @param driftPsi a scoring run reports drift when a feature's population stability index reaches this
 * @param driftSharePoints a scoring run reports drift when a segment's share moves by this many percentage points
 */
@ConfigurationProperties("segmentation.runs")
@Validated
record RunSettings(@DefaultValue("1") @Min(1) @Max(16) int concurrency,
        @DefaultValue("30") @Min(2) @Max(200) int maxK,
        @DefaultValue("1.0") @PositiveOrZero double keyMatchReach,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("250000") @PositiveOrZero int mixtureFitRows,
        @DefaultValue("0.2") @PositiveOrZero double driftPsi,
        @DefaultValue("5") @PositiveOrZero double driftSharePoints) {
}
