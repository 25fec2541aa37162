package io.schemagate.policy.plan;

import io.schemagate.policy.ddl.TableRef;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One step of a staged migration. The first step of a plan may run {@link Where#IN_BAND}, on the
 * client's own connection in place of the original statement; the rest run in the background
 * executor on the gateway's service connection.
 */
public sealed interface Step {

    /** Where a step runs. */
    enum Where { IN_BAND, BACKGROUND }

    /** One line for people: what this step does. */
    String description();

    Where where();

    /** A query that returns a single boolean true when the step's effect is in place, or null. */
    String verifySql();

    /** SQL that undoes this step, or null when nothing needs undoing. */
    String rollbackSql();

    /**
     * A DDL or utility statement.
     *
     * @param sql            the statement to run
     * @param ownTransaction must run alone, outside any transaction block (CREATE INDEX CONCURRENTLY,
     *                       VALIDATE CONSTRAINT after NOT VALID)
     * @param lockTimeout    lock_timeout / lock_wait_timeout to set before it
     * @param maxAttempts    attempts on a lock-timeout error (PG 55P03, MySQL 1205) with back-off
     */
    record Sql(String description, Where where, String sql, boolean ownTransaction, Duration lockTimeout,
               int maxAttempts, String verifySql, String rollbackSql) implements Step {
        public Sql {
            Objects.requireNonNull(sql, "sql must not be null");
            Objects.requireNonNull(where, "where must not be null");
        }
    }

    /**
     * Fill a column in primary-key keyset batches, each batch its own transaction:
     * {@code UPDATE t SET column = expression WHERE pk in (next batch) AND column IS NULL}.
     *
     * @param keyColumns       the primary key (keyset order); empty when it must be read from the catalog
     * @param initialBatchSize rows in the first batch; the executor adapts it to a target batch time
     */
    record Backfill(String description, TableRef table, String column, String expression,
                    List<String> keyColumns, int initialBatchSize, String verifySql, String rollbackSql)
            implements Step {
        public Backfill {
            Objects.requireNonNull(table, "table must not be null");
            keyColumns = List.copyOf(keyColumns);
        }

        public Where where() {
            return Where.BACKGROUND;
        }
    }
}
