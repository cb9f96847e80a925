package io.customersegments.segmentation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How segmentation runs execute ({@code segmentation.runs.*}).
 *
 * @param concurrency runs executed at the same time; further runs wait as QUEUED
 * @param maxK the largest k a request may ask for
 * @param playbook a YAML playbook file replacing the built-in {@code playbook.yml}; empty for the built-in one
 */
@ConfigurationProperties("segmentation.runs")
@Validated
public record RunSettings(@DefaultValue("1") @Min(1) @Max(16) int concurrency,
        @DefaultValue("30") @Min(2) @Max(200) int maxK, @DefaultValue("") String playbook) {
}
