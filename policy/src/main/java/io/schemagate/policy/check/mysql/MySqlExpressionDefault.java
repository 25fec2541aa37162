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
 * {@code ADD COLUMN c T DEFAULT (expr)} (an expression default such as {@code (uuid())}): never INSTANT,
 * the table is rebuilt to compute the value for every row.
 */
public final class MySqlExpressionDefault implements Check {
    public static final String ID = "mysql-expression-default";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.AddColumn add) || Predicates.isNewTable(add.table(), ctx)
                || !MySqlFacts.isExpressionDefault(add.column().defaultValue())) {
            return List.of();
        }
        return Predicates.report(ID,
                "Column " + add.column().name() + " has the expression default " + add.column().defaultValue().sql()
                        + ": MySQL cannot add it INSTANT and rebuilds " + add.table() + " to compute it for every row.",
                "Add the column nullable without a default (ALGORITHM=INSTANT), then SET DEFAULT for new rows, "
                        + "backfill existing rows in batches, and make it NOT NULL afterwards if needed.", op);
    }
}
