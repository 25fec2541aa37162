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
 * {@code CREATE INDEX} without CONCURRENTLY takes a SHARE lock, blocking every write for the whole build.
 * Tables created earlier in the batch are exempt.
 */
public final class IndexWithoutConcurrently implements Check {
    public static final String ID = "index-without-concurrently";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.CreateIndex idx) || idx.concurrently() || Predicates.isNewTable(idx.table(), ctx)) {
            return List.of();
        }
        return Predicates.report(ID,
                "CREATE INDEX on " + idx.table() + " without CONCURRENTLY holds a SHARE lock for the whole build: "
                        + "every INSERT, UPDATE and DELETE on the table waits.",
                "Use CREATE INDEX CONCURRENTLY IF NOT EXISTS outside a transaction block, then check "
                        + "pg_index.indisvalid; drop and retry an invalid index.", op);
    }
}
