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
 * {@code ALTER COLUMN c DROP NOT NULL}: instant, but code that relies on the column never being NULL
 * (readers, reports, other services) can break once NULLs appear.
 */
public final class DroppingNotNull implements Check {
    public static final String ID = "dropping-not-null";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.DropNotNull drop) || Predicates.isNewTable(drop.table(), ctx)) {
            return List.of();
        }
        return Predicates.report(ID,
                "Dropping NOT NULL on " + drop.table() + "." + drop.column() + " lets NULLs in; readers that assume "
                        + "a value is always present can break.",
                "Make sure every reader handles NULL first, or keep NOT NULL and write a sentinel value instead.", op);
    }
}
