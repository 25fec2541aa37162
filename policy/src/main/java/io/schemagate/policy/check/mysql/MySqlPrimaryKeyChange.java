package io.schemagate.policy.check.mysql;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.ConstraintKind;
import java.util.List;
import java.util.Set;

/**
 * Primary-key changes: adding one rebuilds the table (InnoDB clusters rows by it); dropping one without
 * adding another in the same statement is COPY only, with writes blocked. Replacing it in one statement
 * with {@code ALGORITHM=INPLACE, LOCK=NONE} is the accepted online form.
 */
public final class MySqlPrimaryKeyChange implements Check {
    public static final String ID = "mysql-primary-key-change";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (Predicates.isNewTable(op.table(), ctx)) {
            return List.of();
        }
        if (op instanceof Operation.DropConstraint drop && drop.constraintKind() == ConstraintKind.PRIMARY_KEY
                && !addsPrimaryKey(statement)) {
            return Predicates.report(ID,
                    "Dropping the primary key of " + op.table() + " on its own is only possible by copying the table "
                            + "with writes blocked.",
                    "Replace it in one statement: DROP PRIMARY KEY, ADD PRIMARY KEY (...), ALGORITHM=INPLACE, "
                            + "LOCK=NONE, or use an online schema change tool.", op);
        }
        if (op instanceof Operation.AddConstraint add && add.constraint().kind() == ConstraintKind.PRIMARY_KEY
                && !MySqlFacts.explicitlyOnline(statement)) {
            return Predicates.report(ID,
                    "Adding a primary key to " + op.table() + " rebuilds the whole table, because InnoDB stores rows "
                            + "in primary-key order; without ALGORITHM=INPLACE, LOCK=NONE it may block writes.",
                    "Ask for ALGORITHM=INPLACE, LOCK=NONE so the server refuses rather than block writes, or use an "
                            + "online schema change tool on a large table.", op);
        }
        return List.of();
    }

    private static boolean addsPrimaryKey(AnalyzedStatement statement) {
        return statement.operations().stream().anyMatch(o -> o instanceof Operation.AddConstraint a
                && a.constraint().kind() == ConstraintKind.PRIMARY_KEY);
    }
}
