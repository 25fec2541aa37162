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
 * {@code ADD CONSTRAINT ... EXCLUDE}: exclusion constraints cannot be NOT VALID, so adding one to an
 * existing table always builds its index and checks every row under ACCESS EXCLUSIVE.
 */
public final class ExclusionConstraint implements Check {
    public static final String ID = "exclusion-constraint";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.AddConstraint add) || add.constraint().kind() != ConstraintKind.EXCLUSION
                || Predicates.isNewTable(add.table(), ctx)) {
            return List.of();
        }
        return Predicates.report(ID,
                "The exclusion constraint on " + add.table() + " is built and checked against every row under an "
                        + "ACCESS EXCLUSIVE lock, and PostgreSQL has no NOT VALID form for it.",
                "There is no online path: schedule a maintenance window, or create a new table with the constraint, "
                        + "copy the rows over and swap the tables.", op);
    }
}
