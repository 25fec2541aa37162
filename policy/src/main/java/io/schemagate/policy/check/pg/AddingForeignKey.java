package io.schemagate.policy.check.pg;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.ConstraintKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A foreign key added without NOT VALID takes SHARE ROW EXCLUSIVE on both the table and the referenced
 * table and scans every row while holding it. An inline {@code REFERENCES} in ADD COLUMN does the same.
 * Not exempt for tables created earlier in the batch: the referenced table is still locked.
 */
public final class AddingForeignKey implements Check {
    public static final String ID = "adding-foreign-key";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        List<Finding> out = new ArrayList<>();
        if (op instanceof Operation.AddConstraint add && add.constraint().kind() == ConstraintKind.FOREIGN_KEY
                && !add.constraint().notValid()) {
            out.add(finding(add.table() + "", add.constraint().referencedTable() + "", op));
        }
        if (op instanceof Operation.AddColumn add) {
            for (var c : Predicates.inline(add.column(), ConstraintKind.FOREIGN_KEY)) {
                out.add(finding(add.table() + "", c.referencedTable() + "", op));
            }
        }
        return out;
    }

    private static Finding finding(String table, String referenced, Operation op) {
        return new Finding(ID,
                "The foreign key from " + table + " to " + referenced + " is validated at once: both tables are locked "
                        + "SHARE ROW EXCLUSIVE (writes blocked) while every existing row is checked.",
                "Add the foreign key with NOT VALID (a short lock; new rows are checked from then on), then run "
                        + "VALIDATE CONSTRAINT in a separate transaction, which lets writes continue.", op);
    }
}
