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
 * {@code ALTER COLUMN c TYPE t}: unless the change is binary-coercible (varchar growth, varchar to text,
 * more numeric precision, cidr to inet, ...) PostgreSQL rewrites the table and rebuilds its indexes
 * under ACCESS EXCLUSIVE. Without the current type from the catalog the change is assumed to rewrite.
 */
public final class ChangingColumnType implements Check {
    public static final String ID = "changing-column-type";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.AlterColumnType alter) || Predicates.isNewTable(alter.table(), ctx)) {
            return List.of();
        }
        var current = ctx.catalog().columnType(alter.table(), alter.column());
        if (current.isPresent() && alter.using() == null && PgTypes.changeIsSafe(current.get(), alter.newType())) {
            return List.of();
        }
        String from = current.map(t -> "from " + t + " ").orElse("");
        return Predicates.report(ID,
                "Changing " + alter.table() + "." + alter.column() + " " + from + "to " + alter.newType() + " rewrites "
                        + "the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, and may break clients "
                        + "that read the column.",
                "Add a new column of the new type, keep it in sync with a trigger, backfill it in batches, switch "
                        + "the application over, then drop the old column. Only length or precision increases "
                        + "(varchar(n) to varchar(m>=n) or text, numeric precision, cidr to inet) are rewrite-free.", op);
    }
}
