package io.customersegments.run;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serialises the changes of what is published for one dataset (publishing, and deleting the dataset),
 * across threads and instances: a PostgreSQL advisory lock held to the end of the transaction. Taken
 * before any run row is locked, so two publishes never lock runs in opposite orders.
 */
@Component
class PublishLock {

    private static final int PUBLISH_LOCK_CLASS = 0x5E6D_0003;

    private final JdbcTemplate jdbc;

    PublishLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void acquire(long datasetId) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?, ?)", Object.class, PUBLISH_LOCK_CLASS,
                Long.hashCode(datasetId));
    }

}
