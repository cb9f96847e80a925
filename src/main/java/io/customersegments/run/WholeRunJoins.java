package io.customersegments.run;

import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Statements that join whole runs' assignments (the view {@code assignment}, each run's rows in a MATERIALIZED
 * common table expression) with their customers, planned for that. Without statistics of the rows' numbers the
 * planner takes such a join to give thousands of times too many rows and plans index lookups nested in loops over
 * every block of the other run (minutes at 1M customers); without nested loops it merges or hashes (seconds).
 */
public final class WholeRunJoins {

    private WholeRunJoins() {
    }

    /** Runs the statement so; call in a transaction (the settings are the transaction's until the statement ends). */
    public static <T> T plan(JdbcTemplate jdbc, Supplier<T> statement) {
        jdbc.execute("SET LOCAL enable_nestloop = off");
        // The estimates' costs would also make PostgreSQL compile the statement (JIT), for longer than it runs.
        jdbc.execute("SET LOCAL jit = off");
        try {
            return statement.get();
        }
        finally {
            jdbc.execute("SET LOCAL enable_nestloop TO DEFAULT");
            jdbc.execute("SET LOCAL jit TO DEFAULT");
        }
    }

}
