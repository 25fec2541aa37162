package io.schemagate.policy.plan.mysql;

import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;

import java.util.ArrayList;
import java.util.List;

/**
 * The verification query and the compensating statement of a guarded statement, built from what each of
 * its actions does: a column or index that must now exist (or be gone), a default or nullability now in
 * place. The inverse exists only when every action can be undone without lost data (an added column or
 * index is dropped again); a dropped column cannot come back, so then there is none.
 */
final class GuardEffects {

    private GuardEffects() {
    }

    /** {@code SELECT <every action's effect is in place>}, or null when one action's effect cannot be queried. */
    static String verify(List<Operation> ops) {
        List<String> conditions = new ArrayList<>();
        for (Operation op : ops) {
            String c = condition(op);
            if (c == null) {
                return null;
            }
            conditions.add(c);
        }
        return "SELECT " + String.join(" AND ", conditions);
    }

    /** One ALTER TABLE undoing every action, or null when some action cannot be undone. */
    static String rollback(List<Operation> ops) {
        List<String> actions = new ArrayList<>();
        TableRef table = null;
        for (Operation op : ops) {
            String inverse = inverse(op);
            if (inverse == null || (table != null && !table.equals(op.table()))) {
                return null;
            }
            table = op.table();
            actions.add(inverse);
        }
        return table == null ? null
                : MySqlSql.alter(table, String.join(", ", actions), MySqlAlgorithms.Algorithm.INPLACE.clause);
    }

    private static String condition(Operation op) {
        TableRef t = op.table();
        if (op instanceof Operation.AddColumn add) {
            return "(" + MySqlSql.columnExists(t, add.column().name()) + ")";
        }
        if (op instanceof Operation.DropColumn drop) {
            return "(" + MySqlSql.columnAbsent(t, drop.column()) + ")";
        }
        if (op instanceof Operation.SetDefault d) {
            return d.value() == null ? "NOT (" + MySqlSql.hasDefault(t, d.column()) + ")"
                    : "(" + MySqlSql.hasDefault(t, d.column()) + ")";
        }
        if (op instanceof Operation.ModifyColumn m) {
            return m.definition().notNull() ? "(" + MySqlSql.notNullable(t, m.definition().name()) + ")"
                    : "(" + MySqlSql.columnExists(t, m.definition().name()) + ")";
        }
        if (op instanceof Operation.CreateIndex idx && idx.name() != null) {
            return "(" + MySqlSql.indexCount(t, idx.name()) + ") > 0";
        }
        if (op instanceof Operation.DropIndex drop) {
            return "(" + MySqlSql.indexCount(t, drop.name()) + ") = 0";
        }
        if (op instanceof Operation.AddConstraint add && add.constraint().kind() == ConstraintKind.PRIMARY_KEY) {
            return "(" + MySqlSql.indexCount(t, "PRIMARY") + ") > 0";
        }
        if (op instanceof Operation.AddConstraint add && add.constraint().name() != null) {
            return "(" + MySqlSql.indexCount(t, add.constraint().name()) + ") > 0";
        }
        if (op instanceof Operation.DropConstraint drop && drop.constraintKind() == ConstraintKind.PRIMARY_KEY) {
            // Dropped and re-added in the same statement: a primary key is there again.
            return "(" + MySqlSql.indexCount(t, "PRIMARY") + ") > 0";
        }
        return null;
    }

    private static String inverse(Operation op) {
        if (op instanceof Operation.AddColumn add) {
            return "DROP COLUMN " + MySqlSql.ident(add.column().name());
        }
        if (op instanceof Operation.CreateIndex idx && idx.name() != null) {
            return "DROP INDEX " + MySqlSql.ident(idx.name());
        }
        if (op instanceof Operation.AddConstraint add && add.constraint().kind() == ConstraintKind.UNIQUE
                && add.constraint().name() != null) {
            return "DROP INDEX " + MySqlSql.ident(add.constraint().name());
        }
        return null;
    }
}
