package io.schemagate.policy.check.common;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;

import java.util.List;
import java.util.Set;

/**
 * DDL on an existing table without a lock timeout. Even an instant change first queues for an exclusive
 * lock (PostgreSQL ACCESS EXCLUSIVE / SHARE ROW EXCLUSIVE, MySQL exclusive metadata lock) behind every
 * open transaction, and every later query on the table queues behind it. MySQL's default
 * {@code lock_wait_timeout} is a year. Reported once per statement, on its first such operation.
 */
public final class MissingLockTimeout implements Check {
    public static final String ID = "missing-lock-timeout";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL, Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (ctx.lockTimeoutSet() || !takesQueueingLock(op, ctx)) {
            return List.of();
        }
        for (Operation earlier : statement.operations()) {
            if (earlier == op) {
                break;
            }
            if (takesQueueingLock(earlier, ctx)) {
                return List.of();
            }
        }
        boolean pg = statement.dialect() == Dialect.POSTGRESQL;
        return Predicates.report(ID,
                "DDL on " + op.table() + " runs without a lock timeout: while it waits for its lock behind a long "
                        + "transaction, every later query on the table waits behind it.",
                pg ? "SET lock_timeout = '2s' first and retry on SQLSTATE 55P03 with back-off."
                        : "SET SESSION lock_wait_timeout = 5 first and retry on error 1205 with back-off.", op);
    }

    /** An operation on an existing table that queues for a lock strong enough to block ordinary queries. */
    private static boolean takesQueueingLock(Operation op, CheckContext ctx) {
        if (op.table() == null || Predicates.isNewTable(op.table(), ctx)) {
            return false;
        }
        if (op instanceof Operation.OtherDdl other) {
            // Other ALTER TABLE sub-commands (ENABLE / DISABLE TRIGGER: SHARE ROW EXCLUSIVE, ...) still queue for
            // a lock that blocks writes; SET STATISTICS only takes SHARE UPDATE EXCLUSIVE.
            return other.statementType() != null && other.statementType().startsWith("alter-table-")
                    && !other.statementType().equals("alter-table-set-statistics");
        }
        if (op instanceof Operation.CreateTable || op instanceof Operation.ValidateConstraint
                || op instanceof Operation.Unknown) {
            return false;
        }
        // The CONCURRENTLY forms take SHARE UPDATE EXCLUSIVE, which does not block reads or writes.
        return !(op instanceof Operation.CreateIndex i && i.concurrently())
                && !(op instanceof Operation.DropIndex d && d.concurrently())
                && !(op instanceof Operation.Reindex r && r.concurrently())
                && !(op instanceof Operation.Partition p && p.concurrently());
    }
}
