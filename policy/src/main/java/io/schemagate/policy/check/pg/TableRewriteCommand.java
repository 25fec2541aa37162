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
 * {@code VACUUM FULL} and {@code CLUSTER} rewrite the table under ACCESS EXCLUSIVE for their whole run.
 */
public final class TableRewriteCommand implements Check {
    public static final String ID = "table-rewrite-command";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.TableRewrite rw) || Predicates.isNewTable(rw.table(), ctx)) {
            return List.of();
        }
        String table = rw.table() == null ? "every table it touches" : rw.table().toString();
        return Predicates.report(ID,
                rw.command().replace('-', ' ').toUpperCase(java.util.Locale.ROOT) + " rewrites " + table + " while holding an ACCESS "
                        + "EXCLUSIVE lock: no reads or writes until the copy is finished, and it needs room for a "
                        + "second copy of the table.",
                "Remove bloat online with the pg_repack extension (or REPACK CONCURRENTLY where available); plain "
                        + "VACUUM reclaims space for reuse without the lock.", op);
    }
}
