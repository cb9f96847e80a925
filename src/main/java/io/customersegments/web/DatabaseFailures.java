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

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && (isConnectionState(sql.getSQLState())
                    || CLOSED_CONNECTION.equals(sql.getMessage()))) {
                return true;
            }
        }
        return false;
    }

}
