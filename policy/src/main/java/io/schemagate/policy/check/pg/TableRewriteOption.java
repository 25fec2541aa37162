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
 * {@code SET LOGGED / UNLOGGED}, {@code SET TABLESPACE} and {@code SET ACCESS METHOD} rewrite the whole
 * table under ACCESS EXCLUSIVE.
 */
public final class TableRewriteOption implements Check {
    public static final String ID = "table-rewrite-option";
    private static final Set<String> REWRITING = Set.of("set_logged", "set_unlogged", "set_tablespace",
            "set_access_method");

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.TableOption opt) || !REWRITING.contains(opt.option())
                || Predicates.isNewTable(opt.table(), ctx)) {
            return List.of();
        }
        return Predicates.report(ID,
                opt.option().replace('_', ' ').toUpperCase(java.util.Locale.ROOT) + " on " + opt.table()
                        + " rewrites the whole table under an ACCESS EXCLUSIVE lock: reads and writes wait until the "
                        + "copy is done.",
                "Do it in a maintenance window, or build a new table with the wanted setting, copy the rows in "
                        + "batches and swap the tables.", op);
    }
}
