package io.customersegments.chart;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How charts are rendered ({@code segmentation.charts.*}).
 *
 * @param concurrentRenders charts rendered at once; each may hold a run's clustered data in memory
 * @param queuedRenders renders that may wait for a free renderer; beyond them 503
 * @param cacheSize bytes of rendered charts kept
 * @param runDataTtl how long a run's clustered data is kept for the next chart of the same run
 */
@ConfigurationProperties("segmentation.charts")
@Validated
record ChartSettings(@DefaultValue("2") @Min(1) @Max(16) int concurrentRenders,
        @DefaultValue("32") @Min(1) int queuedRenders, @DefaultValue("64MB") DataSize cacheSize,
        @DefaultValue("30s") Duration runDataTtl) {
}
