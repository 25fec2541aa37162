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
 * {@code ADD COLUMN c json}: not a lock problem, but json has no equality operator, so queries that
 * need one ({@code SELECT DISTINCT}, {@code UNION}, {@code GROUP BY}) over the table start failing.
 */
public final class AddingJsonColumn implements Check {
    public static final String ID = "adding-json-column";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.AddColumn add) || add.column().type() == null
                || !Predicates.baseType(add.column().type()).equals("json")) {
            return List.of();
        }
        return Predicates.report(ID,
                "Column " + add.column().name() + " is of type json, which has no equality operator: SELECT "
                        + "DISTINCT, UNION and GROUP BY over rows of " + add.table() + " start failing.",
                "Use jsonb instead.", op);
    }
}
