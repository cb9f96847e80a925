package io.customersegments.profile;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the playbook comes from ({@code segmentation.runs.playbook}, kept beside the other run settings).
 *
 * @param playbook a YAML playbook file replacing the built-in {@code playbook.yml}; empty for the built-in one
 */
@ConfigurationProperties("segmentation.runs")
public record PlaybookSettings(@DefaultValue("") String playbook) {
}
