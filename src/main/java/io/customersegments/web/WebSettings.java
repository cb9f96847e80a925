package io.customersegments.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on what one request may bring ({@code segmentation.web.*}); CSV uploads have their own
 * ({@code segmentation.upload.*}).
 *
 * @param maxBodySize the largest request body other than a CSV upload (JSON: run requests, predict);
 *        beyond it the answer is 413 before the body is parsed
 * @param allowedOrigins origins (e.g. {@code https://crm.example.com}) of other sites whose pages may send
 *        requests that change state; by default none, so browsers may change state only from the dashboard
 */
@ConfigurationProperties("segmentation.web")
@Validated
public record WebSettings(@DefaultValue("4MB") DataSize maxBodySize, @DefaultValue List<String> allowedOrigins) {
}
