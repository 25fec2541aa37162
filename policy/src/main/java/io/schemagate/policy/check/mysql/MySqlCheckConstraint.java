package io.schemagate.policy.check.mysql;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.ConstraintKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An enforced CHECK constraint added to an existing MySQL / MariaDB table checks every row while writes
 * are blocked; there is no NOT VALID. ({@code NOT ENFORCED} is metadata only.)
 */
public final class MySqlCheckConstraint implements Check {
    public static final String ID = "mysql-check-constraint";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (Predicates.isNewTable(op.table(), ctx)) {
            return List.of();
        }
        List<ConstraintDef> checks = new ArrayList<>();
        if (op instanceof Operation.AddConstraint add && add.constraint().kind() == ConstraintKind.CHECK) {
            checks.add(add.constraint());
        } else if (op instanceof Operation.AddColumn add) {
            checks.addAll(Predicates.inline(add.column(), ConstraintKind.CHECK));
        }
        List<Finding> out = new ArrayList<>();
        for (ConstraintDef c : checks) {
            if (c.enforced()) {
                out.add(new Finding(ID,
                        "The CHECK constraint on " + op.table() + " is verified against every row while writes to the "
                                + "table are blocked; MySQL has no NOT VALID.",
                        "Enforce the rule in the application and add the constraint as NOT ENFORCED for documentation, "
                                + "or add it with an online schema change tool on a large table.", op));
            }
        }
        return out;
    }
}
