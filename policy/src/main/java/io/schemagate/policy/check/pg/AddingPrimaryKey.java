package io.schemagate.policy.check.pg;

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
 * {@code ADD PRIMARY KEY (cols)} or an inline {@code PRIMARY KEY} in ADD COLUMN builds the index under
 * ACCESS EXCLUSIVE and, on nullable columns, implicitly sets NOT NULL with another full scan.
 */
public final class AddingPrimaryKey implements Check {
    public static final String ID = "adding-primary-key";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        return Predicates.buildsConstraintIndex(op, ConstraintKind.PRIMARY_KEY, ctx) ? List.of(finding(op.table() + "", op)) : List.of();
    }

    private static Finding finding(String table, Operation op) {
        return new Finding(ID,
                "The primary key on " + table + " builds its index under an ACCESS EXCLUSIVE lock, and nullable key "
                        + "columns are made NOT NULL with a further full scan; reads and writes wait throughout.",
                "Stage NOT NULL on the key columns (CHECK ... NOT VALID, VALIDATE, SET NOT NULL), build the index "
                        + "with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX.", op);
    }
}
