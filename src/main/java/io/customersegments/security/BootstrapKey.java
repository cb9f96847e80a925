package io.customersegments.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Secure from the first start: on a database without keys, makes the first ADMIN key, from
 * {@code SEGMENTATION_SECURITY_BOOTSTRAP_KEY} when it is set, else a random one that is logged this once.
 */
@Component
class BootstrapKey {

    private static final Logger log = LoggerFactory.getLogger(BootstrapKey.class);

    private final ApiKeys keys;

    private final SecuritySettings settings;

    BootstrapKey(ApiKeys keys, SecuritySettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    @EventListener(ApplicationStartedEvent.class)
    void makeFirstKey() {
        if (!settings.enabled()) {
            log.warn("SECURITY IS DISABLED (segmentation.security.enabled=false): anyone who can reach this port may "
                    + "read, change and delete everything. Use this for local experiments only.");
            return;
        }
        keys.bootstrap(settings.bootstrapKey()).ifPresent(made -> {
            boolean recovery = ApiKeys.RECOVERY_NAME.equals(made.key().name());
            String why = recovery ? "No ADMIN key was usable any more (every one was revoked or has expired)"
                    : "No API key existed";
            if (made.secret() == null) {
                log.warn("{}, so an ADMIN key, \"{}\", was made from SEGMENTATION_SECURITY_BOOTSTRAP_KEY", why,
                        made.key().name());
                return;
            }
            log.warn("""

                    ==========================================================================================
                    {}, so this ADMIN key was made. It is shown this once; keep it safe:

                        {}

                    Send it as "Authorization: Bearer <key>" (or "X-API-Key: <key>"), paste it into the dashboard,
                    or use "Authorize" in Swagger UI. Make keys for your apps with POST /api/keys, e.g. a READER key
                    for each marketing app, and revoke this one once you have your own ADMIN key.
                    ==========================================================================================""",
                    why, made.secret());
        });
    }

}
