package io.schemagate.policy.check.common;

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
 * Renaming a column, or a PostgreSQL enum value: instant for the database, but every running application
 * version, ORM cache and view that uses the old name breaks at that moment.
 */
public final class RenamingColumn implements Check {
    public static final String ID = "renaming-column";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL, Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        String what;
        if (op instanceof Operation.RenameColumn r && !Predicates.isNewTable(r.table(), ctx)) {
            what = "column " + r.table() + "." + r.from() + " to " + r.to();
        } else if (op instanceof Operation.ModifyColumn m && !Predicates.isNewTable(m.table(), ctx)
                && !Predicates.unquote(m.definition().name()).equalsIgnoreCase(Predicates.unquote(m.column()))) {
            // MySQL CHANGE old new <definition>: a rename, whatever else it changes.
            what = "column " + m.table() + "." + m.column() + " to " + m.definition().name();
        } else if (op instanceof Operation.RenameObject r && isEnumValue(r.objectType())) {
            what = "enum value '" + r.from() + "' to '" + r.to() + "'";
        } else {
            return List.of();
        }
        return Predicates.report(ID,
                "Renaming " + what + " takes effect at once, while running application code still uses the old "
                        + "name: its queries fail until every instance is redeployed.",
                "Expand and contract: add the new column, keep both in sync (trigger or dual writes), backfill, move "
                        + "reads and writes to the new name, then drop the old column later.", op);
    }

    static boolean isEnumValue(String objectType) {
        return objectType != null && objectType.replace(' ', '-').equalsIgnoreCase("enum-value");
    }
}
