package io.schemagate.policy.plan;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A minimal stand-in for the gateway's executor, for tests only: runs each step in autocommit under the
 * step's lock timeout, runs a backfill as one UPDATE (the real executor batches it), and checks every
 * step's verification query. {@link #rollBack} runs the compensating steps in reverse order.
 */
final class PlanRunner {

    private final Connection connection;
    private final boolean postgres;

    PlanRunner(Connection connection, boolean postgres) {
        this.connection = connection;
        this.postgres = postgres;
    }

    void run(Plan plan) throws SQLException {
        connection.setAutoCommit(true);
        for (Step step : plan.steps()) {
            if (step instanceof Step.Sql s) {
                execute(postgres ? "SET lock_timeout = '" + s.lockTimeout().toMillis() + "ms'"
                        : "SET SESSION lock_wait_timeout = " + Math.max(1, s.lockTimeout().toSeconds()));
                execute(s.sql());
            } else if (step instanceof Step.Backfill b) {
                execute("UPDATE " + b.table().qualified() + " SET " + b.column() + " = " + b.expression()
                        + " WHERE " + b.column() + " IS NULL");
            }
            if (step.verifySql() != null) {
                assertThat(bool(step.verifySql())).as("verification after: %s", step.description()).isTrue();
            }
        }
    }

    void rollBack(Plan plan) throws SQLException {
        List<Step> steps = plan.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).rollbackSql() != null) {
                execute(steps.get(i).rollbackSql());
            }
        }
    }

    boolean bool(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as("one row from %s", sql).isTrue();
            return rs.getBoolean(1);
        }
    }

    long count(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String string(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new SQLException("step failed: " + sql + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
        }
    }
}
