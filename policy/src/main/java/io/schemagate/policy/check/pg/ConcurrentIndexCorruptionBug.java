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
 * PostgreSQL 14.0 to 14.3 had a bug where CREATE INDEX CONCURRENTLY and REINDEX CONCURRENTLY could
 * miss rows written during the build and silently corrupt the index (fixed in 14.4).
 */
public final class ConcurrentIndexCorruptionBug implements Check {
    public static final String ID = "concurrent-index-corruption-bug";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        boolean concurrentBuild = op instanceof Operation.CreateIndex i ? i.concurrently()
                : op instanceof Operation.Reindex r && r.concurrently();
        if (!concurrentBuild || !Predicates.hasConcurrentIndexBug(ctx.serverVersion())) {
            return List.of();
        }
        return Predicates.report(ID,
                "On " + ctx.serverVersion() + " a concurrent index build can silently leave out rows changed during "
                        + "the build, giving wrong query results later (fixed in PostgreSQL 14.4).",
                "Upgrade the server to 14.4 or later before building indexes concurrently, then REINDEX the indexes "
                        + "built concurrently on 14.0 to 14.3.", op);
    }
}
