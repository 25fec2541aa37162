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
 * {@code CREATE DOMAIN ... CHECK} / {@code ALTER DOMAIN ... ADD CONSTRAINT}: adding a constraint to a
 * domain re-validates every column of that domain in every table, and adding a column of a constrained
 * domain rewrites the table; the constraint cannot be staged per table.
 */
public final class DomainCheckConstraint implements Check {
    public static final String ID = "domain-check-constraint";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.DomainConstraint d)) {
            return List.of();
        }
        String what = d.create()
                ? "Domain " + d.domain() + " is created with a constraint: later changes to it re-check every column "
                        + "that uses it, and adding a column of this domain rewrites the table."
                : "Adding a constraint to domain " + d.domain() + " scans every table column that uses the domain "
                        + "while holding locks on those tables.";
        return Predicates.report(ID, what,
                "Use the base type for the column and put the CHECK on the table instead, added NOT VALID and "
                        + "validated in a separate transaction.", op);
    }
}
