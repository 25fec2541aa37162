package io.schemagate.policy.check.pg;

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
 * {@code DETACH PARTITION} without CONCURRENTLY takes ACCESS EXCLUSIVE on the parent, blocking every
 * query on the whole partitioned table. The concurrent form exists from PostgreSQL 14.
 */
public final class DetachPartitionWithoutConcurrently implements Check {
    public static final String ID = "detach-partition-without-concurrently";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.Partition p) || p.attach() || p.concurrently()
                || Predicates.isNewTable(p.table(), ctx)) {
            return List.of();
        }
        String help = ctx.serverVersion().atLeast(14, 0)
                ? "Use DETACH PARTITION ... CONCURRENTLY outside a transaction block (not possible while a DEFAULT "
                        + "partition exists); if it is interrupted, finish it with DETACH PARTITION ... FINALIZE."
                : "This server predates DETACH PARTITION CONCURRENTLY (PostgreSQL 14): run it in a quiet window "
                        + "under a short lock_timeout with retries.";
        return Predicates.report(ID,
                "Detaching " + p.partition() + " from " + p.table() + " takes an ACCESS EXCLUSIVE lock on the parent: "
                        + "every query on the partitioned table waits.", help, op);
    }
}
