package io.schemagate.gateway.executor;

import io.schemagate.policy.plan.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Runs one DDL step on a service connection: under its lock timeout, retried with back-off on lock
 * timeouts, then checked with its verification query.
 */
final class SqlStepRunner {

    private static final Logger log = LoggerFactory.getLogger(SqlStepRunner.class);

    private final ServiceDatabase db;
    private final Duration defaultLockTimeout;
    private final int defaultAttempts;
    private final Sleeper sleeper;

    SqlStepRunner(ServiceDatabase db, Duration defaultLockTimeout, int defaultAttempts, Sleeper sleeper) {
        this.db = db;
        this.defaultLockTimeout = defaultLockTimeout;
        this.defaultAttempts = defaultAttempts;
        this.sleeper = sleeper;
    }

    /** How many attempts it took. */
    int run(Connection c, Step.Sql step) throws SQLException, InterruptedException {
        Duration timeout = step.lockTimeout() == null ? defaultLockTimeout : step.lockTimeout();
        int attempts = step.maxAttempts() > 0 ? step.maxAttempts() : defaultAttempts;
        int attempt = 1;
        while (true) {
            try {
                db.setLockTimeout(c, timeout);
                try (Statement s = c.createStatement()) {
                    s.execute(step.sql());
                }
                break;
            } catch (SQLException e) {
                if (!db.isRetryable(e) || attempt >= attempts) {
                    throw e;
                }
                Duration pause = Backoff.before(attempt + 1);
                log.info("step '{}' gave up waiting for a lock (attempt {}/{}): {}; retrying in {} ms",
                        step.description(), attempt, attempts, e.getMessage(), pause.toMillis());
                sleeper.sleep(pause);
                attempt++;
            }
        }
        if (step.verifySql() != null && !verified(c, step.verifySql())) {
            throw new SQLException("step '" + step.description() + "' ran but its check failed: " + step.verifySql());
        }
        return attempt;
    }

    /** True when the verification query returns a single true value. */
    static boolean verified(Connection c, String verifySql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(verifySql)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Sleeping is injected so tests need not wait. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }
}
