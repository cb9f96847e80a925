package io.customersegments.security;

import java.time.Instant;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A key to make.
 *
 * @param name who or what will use it, e.g. "crm-sync" (shown in lists and the audit)
 * @param role what it may do
 * @param expiresAt when it stops working (default: never)
 * @param requestsPerSecond its own request rate (default: segmentation.security.requests-per-second)
 */
record KeyRequest(@NotBlank @Size(max = 200) String name, @NotNull Role role, @Future Instant expiresAt,
        @Min(1) @Max(1_000_000) Integer requestsPerSecond) {
}
