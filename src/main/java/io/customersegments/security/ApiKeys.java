package io.customersegments.security;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;


import io.customersegments.cluster.ClusterNotifications;
import io.customersegments.web.PageView;

/**
 * Makes, lists and revokes API keys; {@link KeyChecks} answers which key a request brings. Every change is
 * announced to every instance (a database notification), so a revocation holds everywhere at once.
 */
@Service
public class ApiKeys {

    /** Secrets start with this, so a leaked one is recognisable (e.g. by secret scanners). */
    static final String SECRET_PREFIX = "cs_";

    /** Random bytes in a secret: 256 bits. */
    private static final int SECRET_BYTES = 32;

    /** The shortest secret accepted for the bootstrap key: 32 characters, as from {@code openssl rand -base64 32}. */
    static final int MIN_GIVEN_SECRET = 32;

    /** Characters of the secret kept in clear to recognise a key in lists: the prefix and 6 of ~43 random ones. */
    private static final int SHOWN_CHARS = SECRET_PREFIX.length() + 6;

    /** The name of an ADMIN key made at start because none was usable any more. */
    static final String RECOVERY_NAME = "bootstrap (recovery)";

    /** Taken by a revocation of an ADMIN key and by the bootstrap, so that neither counts usable ADMIN keys stale. */
    private static final String ADMINS_LOCK = "SELECT pg_advisory_xact_lock(hashtext('api_key admins'))";

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final SecureRandom random = new SecureRandom();

    private final ApiKeyRepository keys;

    private final TransactionTemplate transactions;

    private final JdbcTemplate jdbc;

    private final ClusterNotifications notifications;

    private final KeyChecks checks;

    ApiKeys(ApiKeyRepository keys, TransactionTemplate transactions, JdbcTemplate jdbc,
            ClusterNotifications notifications, KeyChecks checks) {
        this.keys = keys;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.checks = checks;
    }

    /** A key just made: what is stored, and the secret, which is never shown again. */
    public record NewKey(ApiKeyView key, String secret) {
    }

    /** Makes a key with a random secret. */
    @Transactional
    public NewKey create(String name, Role role, Instant expiresAt, Integer requestsPerSecond, String createdBy) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new NewKey(store(name, role, secret, expiresAt, requestsPerSecond, createdBy), secret);
    }

    private ApiKeyView store(String name, Role role, String secret, Instant expiresAt, Integer requestsPerSecond,
            String createdBy) {
        String shown = secret.substring(0, secret.startsWith(SECRET_PREFIX) ? SHOWN_CHARS : 4);
        ApiKey key = keys.save(new ApiKey(name, role, KeyChecks.hash(secret), shown, requestsPerSecond, expiresAt, createdBy,
                Instant.now()));
        notifications.publish(KeyChecks.TOPIC, "created " + key.getId());
        return ApiKeyView.of(key);
    }

    /**
     * Makes an ADMIN key when the database has no usable one: the first key of a new database ("bootstrap"), or,
     * once every ADMIN key was revoked or has expired, a way back in ("bootstrap (recovery)"). With the given secret,
     * else a random one, which is answered. Several instances starting at once make one key between them. Empty when
     * a usable ADMIN key exists, or when the given secret is an earlier key's (a secret is never accepted again).
     */
    Optional<NewKey> bootstrap(String givenSecret) {
        return transactions.execute(status -> {
            // One instance at a time looks and makes (the lock ends with the transaction).
            jdbc.queryForObject(ADMINS_LOCK, Object.class);
            if (usableAdmins() > 0) {
                return Optional.empty();
            }
            String name = keys.count() > 0 ? RECOVERY_NAME : "bootstrap";
            if (givenSecret != null && !givenSecret.isBlank()) {
                if (givenSecret.strip().length() < MIN_GIVEN_SECRET && RECOVERY_NAME.equals(name)) {
                    // Not worth stopping a service that serves its readers: say so, and make nothing.
                    log.error("No ADMIN key is usable (every one was revoked or has expired), and "
                            + "SEGMENTATION_SECURITY_BOOTSTRAP_KEY has fewer than {} characters: set one made with "
                            + "openssl rand -base64 32, or none to have one made and logged, and start again",
                            MIN_GIVEN_SECRET);
                    return Optional.empty();
                }
                if (givenSecret.strip().length() < MIN_GIVEN_SECRET) {
                    throw new IllegalStateException("The bootstrap key (SEGMENTATION_SECURITY_BOOTSTRAP_KEY) must have "
                            + "at least " + MIN_GIVEN_SECRET + " characters; make one with: openssl rand -base64 32");
                }
                Optional<ApiKey> earlier = keys.findBySecretHash(KeyChecks.hash(givenSecret.strip()));
                if (earlier.isPresent()) {
                    log.error("No ADMIN key is usable (every one was revoked or has expired), and "
                            + "SEGMENTATION_SECURITY_BOOTSTRAP_KEY is the secret of key {} (\"{}\", {}{}), which is not "
                            + "accepted again: set a new one (openssl rand -base64 32), or none to have one made and "
                            + "logged, and start the service again", earlier.get().getId(), earlier.get().getName(),
                            earlier.get().getRole(), earlier.get().getRevokedAt() != null ? ", revoked" : "");
                    return Optional.empty();
                }
                return Optional.of(new NewKey(store(name, Role.ADMIN, givenSecret.strip(), null, null, null), null));
            }
            return Optional.of(create(name, Role.ADMIN, null, null, null));
        });
    }

    /** ADMIN keys neither revoked nor expired. */
    private long usableAdmins() {
        return jdbc.queryForObject("SELECT count(*) FROM api_key WHERE role = 'ADMIN' AND revoked_at IS NULL "
                + "AND (expires_at IS NULL OR expires_at > now())", Long.class);
    }

    @Transactional(readOnly = true)
    public PageView<ApiKeyView> list(int page, int size) {
        var found = keys.findAllByOrderByIdAsc(PageRequest.of(page, size));
        return PageView.of(found.map(ApiKeyView::of).getContent(), page, size, found.getTotalElements());
    }

    /**
     * Revokes a key at once on every instance; answers false when there is no such key. The last usable ADMIN key is
     * not revoked: nobody could manage keys, webhooks or deletions any more.
     */
    @Transactional
    public boolean revoke(long id) {
        Optional<ApiKey> key = keys.findById(id);
        key.ifPresent(found -> {
            Instant now = Instant.now();
            if (found.getRole() == Role.ADMIN && found.isUsableAt(now)) {
                // Two ADMIN keys revoking each other at once: the second waits, then counts the first one's revocation.
                jdbc.queryForObject(ADMINS_LOCK, Object.class);
                if (usableAdmins() <= 1) {
                    throw new LastAdminKeyException(id);
                }
            }
            found.revoke(now);
            notifications.publish(KeyChecks.TOPIC, "revoked " + id);
        });
        // This instance forgets at once too, not only when the notification comes back to it.
        checks.forget();
        return key.isPresent();
    }

}
