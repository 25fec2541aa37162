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
 * Renaming a table (or a PostgreSQL schema): metadata only, but every query that names the old table
 * fails from that moment until all clients are redeployed.
 */
public final class RenamingTable implements Check {
    public static final String ID = "renaming-table";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL, Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        String what;
        if (op instanceof Operation.RenameTable r && !Predicates.isNewTable(r.table(), ctx)) {
            what = "table " + r.table() + " to " + r.newName();
        } else if (op instanceof Operation.RenameObject r && "schema".equalsIgnoreCase(r.objectType())) {
            what = "schema " + r.from() + " to " + r.to();
        } else {
            return List.of();
        }
        return Predicates.report(ID,
                "Renaming " + what + " breaks every running client that still uses the old name, at once.",
                "Create a view under the new name, move the application to it, then in one short transaction drop "
                        + "the view and rename the table; or rename and leave a view under the old name.", op);
    }
}
