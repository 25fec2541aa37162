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
 * {@code REINDEX} without CONCURRENTLY locks out writes to the table (and reads through the index being
 * rebuilt) for the whole rebuild. REINDEX CONCURRENTLY exists from PostgreSQL 12.
 */
public final class ReindexWithoutConcurrently implements Check {
    public static final String ID = "reindex-without-concurrently";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.Reindex r) || r.concurrently() || Predicates.isNewTable(r.table(), ctx)) {
            return List.of();
        }
        String help = ctx.serverVersion().atLeast(12, 0)
                ? "Use REINDEX ... CONCURRENTLY outside a transaction block; afterwards check for leftover invalid "
                        + "*_ccnew indexes."
                : "This server predates REINDEX CONCURRENTLY (PostgreSQL 12): build a replacement with CREATE INDEX "
                        + "CONCURRENTLY, then drop the old index concurrently.";
        return Predicates.report(ID,
                "REINDEX " + r.target() + " without CONCURRENTLY blocks writes to the table, and queries that use the "
                        + "index, for the whole rebuild.", help, op);
    }
}
