package io.customersegments.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure to reach the database (no connection within the pool's timeout, a connection lost,
 * the server shutting down) from every other failure, whichever layer (JDBC, JPA, transactions) wrapped it.
 */
public final class DatabaseFailures {

    /** HikariCP's word for a pooled connection that broke under a transaction (it gives no SQLSTATE). */
    private static final String CLOSED_CONNECTION = "Connection is closed";

    private DatabaseFailures() {
    }

    /** SQLSTATE class 08: connection exception; 57P01..57P03: the server is shutting down or starting. */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.matches("57P0[123]"));
    }

    /**
     * SQLSTATE 55P03, lock not available: a statement gave up waiting for a lock (its {@code lock_timeout}), e.g. a
     * run's assignments dropped while an export still reads them. Spring files it under no exception of its own, so
     * callers test each cause.
     */
    public static boolean isLockTimeout(Throwable failure) {
        return failure instanceof SQLException sql && "55P03".equals(sql.getSQLState());
    }

    /**
     * No pooled connection came within the pool's timeout while the database itself answers: HikariCP says so with no
     * cause (when it cannot reach the database, the cause is the last connection failure).
     */
    public static boolean isPoolBusy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException pool) {
                return pool.getCause() == null && pool.getMessage() != null
                        && pool.getMessage().contains("Connection is not available");
            }
        }
        return false;
    }

    public static boolean isUnavailable(Throwable failure) {
        boolean wrapper = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                // The database's own word decides: Spring also files "out of resources" (53) and "program limit
                // exceeded" (54, e.g. an index row too large) as resource failures, which are no outage.
                return isConnectionState(sql.getSQLState());
            }
            if (cause instanceof SQLException sql && CLOSED_CONNECTION.equals(sql.getMessage())) {
                return true;
            }
            wrapper |= cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException;
        }
        // A resource failure with no SQLSTATE behind it: no connection could be had at all.
        return wrapper;
    }

}
