package io.customersegments.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.customersegments.cluster.ClusterNotifications;
import io.customersegments.web.DatabaseFailures;
import io.customersegments.web.PageView;

/**
 * Makes, lists, checks and revokes API keys. A check reads the database only for a key it has not seen
 * lately: answers are cached (by the secret's hash), and every instance forgets them the moment any key is
 * made or revoked (a database notification), so a revocation holds everywhere at once. Last-use times are
 * gathered in memory and written every few seconds.
 */
@Service
public class ApiKeys implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    /** Secrets start with this, so a leaked one is recognisable (e.g. by secret scanners). */
    static final String SECRET_PREFIX = "cs_";

    /** Random bytes in a secret: 256 bits. */
    private static final int SECRET_BYTES = 32;

    /** The shortest secret accepted for the bootstrap key: 32 characters, as from {@code openssl rand -base64 32}. */
    static final int MIN_GIVEN_SECRET = 32;

    /** Characters of the secret kept in clear to recognise a key in lists: the prefix and 6 of ~43 random ones. */
    private static final int SHOWN_CHARS = SECRET_PREFIX.length() + 6;

    static final String TOPIC = "api-keys";

    private final SecureRandom random = new SecureRandom();

    private final ApiKeyRepository keys;

    private final TransactionTemplate transactions;

    private final JdbcTemplate jdbc;

    private final ClusterNotifications notifications;

    /** Checked secrets (by hash) and what they stand for; empty for a secret no key has. */
    private final Cache<String, Optional<KeyHolder>> checked;

    private final Map<Long, Instant> lastUse = new ConcurrentHashMap<>();

    ApiKeys(ApiKeyRepository keys, TransactionTemplate transactions, JdbcTemplate jdbc,
            ClusterNotifications notifications, SecuritySettings settings) {
        this.keys = keys;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.checked = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(settings.keyCacheTime()).build();
        notifications.subscribe(TOPIC, ClusterNotifications.Subscriber.of(change -> checked.invalidateAll(),
                checked::invalidateAll));
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
        ApiKey key = keys.save(new ApiKey(name, role, hash(secret), shown, requestsPerSecond, expiresAt, createdBy,
                Instant.now()));
        notifications.publish(TOPIC, "created " + key.getId());
        return ApiKeyView.of(key);
    }

    /**
     * Makes the first ADMIN key when the database has none: with the given secret, else a random one, which is
     * answered. Several instances starting at once make one key between them. Empty when keys exist already.
     */
    Optional<NewKey> bootstrap(String givenSecret) {
        return transactions.execute(status -> {
            // One instance at a time looks and makes (the lock ends with the transaction).
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('api_key bootstrap'))", Object.class);
            if (keys.count() > 0) {
                return Optional.empty();
            }
            if (givenSecret != null && !givenSecret.isBlank()) {
                if (givenSecret.strip().length() < MIN_GIVEN_SECRET) {
                    throw new IllegalStateException("The bootstrap key (SEGMENTATION_SECURITY_BOOTSTRAP_KEY) must have "
                            + "at least " + MIN_GIVEN_SECRET + " characters; make one with: openssl rand -base64 32");
                }
                return Optional.of(new NewKey(store("bootstrap", Role.ADMIN, givenSecret.strip(), null, null, null),
                        null));
            }
            return Optional.of(create("bootstrap", Role.ADMIN, null, null, null));
        });
    }

    @Transactional(readOnly = true)
    public PageView<ApiKeyView> list(int page, int size) {
        var found = keys.findAllByOrderByIdAsc(PageRequest.of(page, size));
        return PageView.of(found.map(ApiKeyView::of).getContent(), page, size, found.getTotalElements());
    }

    /** Revokes a key at once on every instance; answers false when there is no such key. */
    @Transactional
    public boolean revoke(long id) {
        Optional<ApiKey> key = keys.findById(id);
        key.ifPresent(found -> {
            found.revoke(Instant.now());
            notifications.publish(TOPIC, "revoked " + id);
        });
        // This instance forgets at once too, not only when the notification comes back to it.
        checked.invalidateAll();
        return key.isPresent();
    }

    /** The key a secret stands for, if it is known, not revoked and not expired. */
    Optional<KeyHolder> check(String secret) {
        byte[] hash = hash(secret);
        Optional<KeyHolder> holder = checked.get(HexFormat.of().formatHex(hash), h -> keys.findBySecretHash(hash)
            .filter(key -> key.getRevokedAt() == null)
            .map(key -> new KeyHolder(key.getId(), key.getName(), key.getRole(), key.getExpiresAt(),
                    key.getRequestsPerSecond())));
        Instant now = Instant.now();
        if (holder.isEmpty() || holder.get().expiredAt(now)) {
            return Optional.empty();
        }
        lastUse.put(holder.get().id(), now);
        return holder;
    }

    /** Writes the last-use times gathered since the previous write. */
    @Scheduled(fixedDelayString = "${segmentation.security.last-use-interval:10s}")
    void writeLastUse() {
        if (lastUse.isEmpty()) {
            return;
        }
        List<Map.Entry<Long, Instant>> pending = List.copyOf(lastUse.entrySet());
        try {
            transactions.executeWithoutResult(status -> pending.forEach(e -> keys.touch(e.getKey(), e.getValue())));
            pending.forEach(e -> lastUse.remove(e.getKey(), e.getValue()));
        }
        catch (RuntimeException ex) {
            if (!DatabaseFailures.isUnavailable(ex)) {
                throw ex;
            }
            log.debug("Last-use times kept for later: {}", ex.getMessage());
        }
    }

    @Override
    public void destroy() {
        writeLastUse();
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }

}
