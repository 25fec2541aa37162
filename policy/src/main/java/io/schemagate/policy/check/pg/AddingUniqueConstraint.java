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
 * {@code ADD CONSTRAINT ... UNIQUE (cols)} or an inline {@code UNIQUE} in ADD COLUMN builds the unique
 * index while holding ACCESS EXCLUSIVE, so even reads wait for the whole build.
 */
public final class AddingUniqueConstraint implements Check {
    public static final String ID = "adding-unique-constraint";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        return Predicates.buildsConstraintIndex(op, ConstraintKind.UNIQUE, ctx) ? List.of(finding(op.table() + "", op)) : List.of();
    }

    private static Finding finding(String table, Operation op) {
        return new Finding(ID,
                "The UNIQUE constraint on " + table + " builds its index under an ACCESS EXCLUSIVE lock: reads and "
                        + "writes wait for the whole index build.",
                "CREATE UNIQUE INDEX CONCURRENTLY first, check that it is valid, then ADD CONSTRAINT ... UNIQUE "
                        + "USING INDEX, which only takes a brief lock.", op);
    }
}
