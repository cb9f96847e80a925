package io.customersegments.webhook;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How webhooks are delivered ({@code segmentation.webhooks.*}).
 *
 * @param allowedHosts hosts a webhook may name although they are (or resolve to) loopback, link-local or private
 *        addresses; every other such address is refused, so the service cannot be pointed at internal systems
 * @param retryFor how long a batch is retried before it is parked
 * @param initialBackoff the wait after a batch's first failed attempt; each further failure doubles it (with
 *        jitter: a random half of it is taken off) up to {@code maxBackoff}
 * @param timeout how long one attempt may take, from connecting to the receiver's status line
 * @param lease how long an instance holds a batch it sends; a batch whose instance died is sent again after it
 * @param poll how often each instance looks for batches that are due (a publish on it wakes it at once)
 * @param concurrency batches one instance sends at the same time (to different webhooks or datasets)
 * @param batchSize the most segment changes one delivery carries
 */
@ConfigurationProperties("segmentation.webhooks")
@Validated
record WebhookSettings(@DefaultValue List<String> allowedHosts,
        @DefaultValue("24h") Duration retryFor,
        @DefaultValue("10s") Duration initialBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("1s") Duration poll,
        @DefaultValue("4") @Min(1) @Max(64) int concurrency,
        @DefaultValue("1000") @Min(1) @Max(1000) int batchSize) {

    WebhookSettings {
        allowedHosts = allowedHosts.stream().map(String::strip).filter(host -> !host.isEmpty()).toList();
        if (lease.compareTo(timeout.plusSeconds(5)) < 0) {
            throw new IllegalArgumentException("segmentation.webhooks.lease (" + lease
                    + ") must be at least 5 s longer than segmentation.webhooks.timeout (" + timeout
                    + "): a batch still being sent would be sent again by another instance");
        }
    }

}
