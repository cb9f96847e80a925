package io.customersegments.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** A full pool is told from a database that cannot be reached, as HikariCP words them. */
class DatabaseFailuresTest {

    private static final String TIMED_OUT = "HikariPool-1 - Connection is not available, request timed out after "
            + "3000ms (total=10, active=10, idle=0, waiting=3)";

    @Test
    void aPoolWhoseConnectionsAreAllInUseIsBusyNotDown() {
        Exception busy = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException(TIMED_OUT));

        assertThat(DatabaseFailures.isPoolBusy(busy)).isTrue();
        assertThat(DatabaseFailures.isUnavailable(busy)).isTrue();
    }

    @Test
    void aPoolThatCannotReachTheDatabaseSaysWhyAndIsDown() {
        Exception down = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException(TIMED_OUT, new SQLException("Connection refused", "08001")));

        assertThat(DatabaseFailures.isPoolBusy(down)).isFalse();
        assertThat(DatabaseFailures.isUnavailable(down)).isTrue();
    }

}
