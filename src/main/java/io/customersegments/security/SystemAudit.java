package io.customersegments.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records in the audit the changes the service makes by itself, beside those made through the API: a run a refresh
 * policy starts, a run it publishes. Such an entry has no key; its key name says what made the change.
 */
@Service
public class SystemAudit {

    private static final Logger log = LoggerFactory.getLogger(SystemAudit.class);

    private final AuditLog audit;

    /** Its own transaction: callers record after theirs committed (an after-commit listener has none to join). */
    private final TransactionTemplate separately;

    SystemAudit(AuditLog audit, PlatformTransactionManager transactionManager) {
        this.audit = audit;
        this.separately = new TransactionTemplate(transactionManager);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * @param actor what made the change, in words ("refresh policy of dataset 7")
     * @param action the API operation it stands for (e.g. {@code publishSegmentation})
     * @param method and {@code path}: the request that would have made the same change through the API
     * @param status the answer that request would have had
     */
    public void record(String actor, String action, String method, String path, int status) {
        try {
            separately.executeWithoutResult(transaction -> audit.saveBySystem(actor, action, method, path, status));
        }
        catch (RuntimeException ex) {
            // The change itself is made by then.
            log.warn("Audit entry not stored ({}): {} {} {} by {} -> {}", ex.getMessage(), action, method, path, actor,
                    status);
        }
    }

}
