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
 * {@code DROP COLUMN}: the data is gone for good, and running code or ORM caches that still select or
 * insert the column fail.
 */
public final class DroppingColumn implements Check {
    public static final String ID = "dropping-column";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL, Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.DropColumn drop) || Predicates.isNewTable(drop.table(), ctx)) {
            return List.of();
        }
        return Predicates.report(ID,
                "Dropping " + drop.table() + "." + drop.column() + " destroys its data, and application code that "
                        + "still reads or writes it starts failing.",
                "First deploy code that no longer uses the column (ORM ignore list), make it nullable so old "
                        + "writers keep working, keep a backup if the data may be needed, then drop it.", op);
    }
}
