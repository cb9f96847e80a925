package io.customersegments.security;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * API keys and request limits ({@code segmentation.security.*}).
 *
 * @param enabled false only for local experiments: every request is then let through as an ADMIN (a warning is logged
 *        at start)
 * @param bootstrapKey the secret of the first ADMIN key, used only when the database holds no key yet (environment
 *        variable {@code SEGMENTATION_SECURITY_BOOTSTRAP_KEY}); without it the service makes one and logs it once
 * @param requestsPerSecond each key's sustained request rate unless the key names its own; beyond it (and its
 *        burst) the answer is 429 with Retry-After
 * @param burst requests a key may make at once above its rate, as a multiple of a second's worth
 * @param keyCacheTime how long a key check is remembered; revocations and new keys reach every instance at once
 *        through the database's notifications, so this only bounds staleness if a notification were lost
 * @param lastUseInterval how often the keys' last-use times are written (they are kept in memory in between, so a
 *        request never waits for a write)
 */
@ConfigurationProperties("segmentation.security")
@Validated
public record SecuritySettings(@DefaultValue("true") boolean enabled, String bootstrapKey,
        @DefaultValue("200") @Min(1) int requestsPerSecond, @DefaultValue("2") @Min(1) int burst,
        @DefaultValue("60s") Duration keyCacheTime, @DefaultValue("10s") Duration lastUseInterval) {
}
