package io.schemagate.policy.check.common;

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
 * A NOT NULL (or primary-key) column added without a default: PostgreSQL must fill existing rows with
 * NULL, so the statement fails on any non-empty table, and old application code that inserts without
 * the column fails afterwards. MySQL instead fills the type's zero value silently.
 */
public final class AddingRequiredColumn implements Check {
    public static final String ID = "adding-required-column";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL, Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.AddColumn add) || Predicates.isNewTable(add.table(), ctx)) {
            return List.of();
        }
        var col = add.column();
        boolean required = col.notNull() || Predicates.hasInline(col, ConstraintKind.PRIMARY_KEY);
        if (!required || col.hasDefault() || col.generated() != null || col.identity()) {
            return List.of();
        }
        String effect = statement.dialect() == Dialect.POSTGRESQL
                ? "the statement fails on any table that has rows"
                : "existing rows silently get the type's zero value";
        return Predicates.report(ID,
                "Column " + col.name() + " is added to " + add.table() + " as NOT NULL without a default: " + effect
                        + ", and application code that inserts without the new column starts failing.",
                "Add the column as nullable (or with a constant default), deploy code that writes it, backfill "
                        + "existing rows in batches, then make it NOT NULL in a separate step.", op);
    }
}
