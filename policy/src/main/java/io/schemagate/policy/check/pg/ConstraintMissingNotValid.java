package io.schemagate.policy.check.pg;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.ConstraintKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A CHECK constraint added without NOT VALID (as a table constraint or inline in ADD COLUMN) scans the
 * table under ACCESS EXCLUSIVE. Also: VALIDATE of a constraint that was added NOT VALID in the same
 * open transaction, which keeps the ADD's strong lock through the scan and so gains nothing.
 * Foreign keys have their own check ({@code adding-foreign-key}).
 */
public final class ConstraintMissingNotValid implements Check {
    public static final String ID = "constraint-missing-not-valid";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (op instanceof Operation.ValidateConstraint v && ctx.inTransactionBlock()
                && ctx.notValidInTransaction().contains(v.name())) {
            return Predicates.report(ID,
                    "Constraint " + v.name() + " is validated in the same transaction that added it NOT VALID, so the "
                            + "ACCESS EXCLUSIVE / SHARE ROW EXCLUSIVE lock of the ADD is held through the validating scan.",
                    "COMMIT after adding the constraint NOT VALID and run VALIDATE CONSTRAINT in its own transaction.", op);
        }
        if (Predicates.isNewTable(op.table(), ctx)) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        if (op instanceof Operation.AddConstraint add && add.constraint().kind() == ConstraintKind.CHECK
                && !add.constraint().notValid()) {
            out.add(finding(add.table() + "", add.constraint(), op));
        }
        if (op instanceof Operation.AddColumn add) {
            for (ConstraintDef c : Predicates.inline(add.column(), ConstraintKind.CHECK)) {
                out.add(finding(add.table() + "", c, op));
            }
        }
        return out;
    }

    private static Finding finding(String table, ConstraintDef c, Operation op) {
        String cond = c.expression() == null ? "" : " (" + c.expression().sql() + ")";
        return new Finding(ID,
                "CHECK" + cond + " on " + table + " is checked against every existing row while an ACCESS EXCLUSIVE "
                        + "lock blocks reads and writes.",
                "Add the constraint with NOT VALID (new rows are checked at once), fix existing violators, then "
                        + "VALIDATE CONSTRAINT in a separate transaction; it only takes SHARE UPDATE EXCLUSIVE.", op);
    }
}
