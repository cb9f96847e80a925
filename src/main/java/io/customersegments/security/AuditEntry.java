package io.customersegments.security;

import java.time.Instant;

/**
 * One entry of the audit: a change made through the API, or refused, or made by the service itself.
 *
 * @param keyId the key's id (null when security is disabled)
 * @param keyName the key's name when the request was made; for a change the service made by itself (a refresh
 *        policy's run or publish), what made it ("refresh policy of dataset 7"), with no keyId
 * @param action the operation, as named in the API document (e.g. {@code uploadDataset}, {@code publishSegmentation})
 * @param status the answer's HTTP status: 2xx done, 403 refused for the key's role, others failed
 * @param requestId the request's id ({@code X-Request-Id}), to find it in the log
 */
public record AuditEntry(long id, Instant at, Long keyId, String keyName, String action, String method, String path,
        int status, String requestId) {
}
