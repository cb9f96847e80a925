package io.customersegments.run;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serialises the changes of what is published for one lineage, the versions of a customer table (publishing, and
 * deleting one of its datasets),
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
    void acquire(long lineageId) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?, ?)", Object.class, PUBLISH_LOCK_CLASS,
                Long.hashCode(lineageId));
    }

}
