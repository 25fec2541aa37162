package io.schemagate.policy.plan.pg;

import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.plan.StagedStep;
import io.schemagate.policy.plan.Step;

import java.time.Duration;
import java.util.List;

/**
 * Step constructors with the PostgreSQL lock policy: every DDL step runs under a short lock_timeout and
 * is retried on SQLSTATE 55P03 (lock_not_available) with back-off, so a queued ACCESS EXCLUSIVE request
 * never stalls the table behind a long transaction for more than the timeout.
 */
final class PgSteps {

    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);
    static final int MAX_ATTEMPTS = 10;
    /** pgroll and strong_migrations use 1000 to 10000 rows; the executor adapts it to its target batch time. */
    static final int BATCH_SIZE = 1000;

    private PgSteps() {
    }

    static StagedStep inBand(Operation op, String description, String sql, String verify, String rollback) {
        return new StagedStep(new Step.Sql(description, Step.Where.IN_BAND, sql, false, LOCK_TIMEOUT, MAX_ATTEMPTS,
                verify, rollback), op);
    }

    static StagedStep background(Operation op, String description, String sql, boolean ownTransaction, String verify,
                                 String rollback) {
        return new StagedStep(new Step.Sql(description, Step.Where.BACKGROUND, sql, ownTransaction, LOCK_TIMEOUT,
                MAX_ATTEMPTS, verify, rollback), op);
    }

    static StagedStep backfill(TableRef table, String column, String expression, List<String> keyColumns) {
        return new StagedStep(new Step.Backfill("fill " + column + " of existing rows with " + expression
                + " in key-ordered batches, each committed on its own", table, column, expression, keyColumns,
                BATCH_SIZE, PgSql.noNulls(table, column), null), null);
    }
}
