package io.schemagate.policy.check.mysql;

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
 * {@code MODIFY / CHANGE ... FIRST | AFTER col} moves a column, which rebuilds the whole table in MySQL
 * (MariaDB 10.4+ reorders INSTANT).
 */
public final class MySqlColumnReorder implements Check {
    public static final String ID = "mysql-column-reorder";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.ModifyColumn m) || m.position() == null || !m.position().isExplicit()
                || Predicates.isNewTable(m.table(), ctx)
                || (ctx.serverVersion().isMariaDb() && ctx.serverVersion().atLeast(10, 4, 0))) {
            return List.of();
        }
        return Predicates.report(ID,
                "Moving column " + m.column() + " of " + m.table() + " rebuilds the whole table: long, disk hungry, "
                        + "and replicas lag behind.",
                "Leave the column where it is (column order rarely matters to SQL), or use an online schema change "
                        + "tool.", op);
    }
}
