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
 * {@code ALTER TYPE e ADD VALUE v} without BEFORE / AFTER appends the value at the end of the sort order,
 * which silently changes what {@code <} and {@code >} comparisons and ORDER BY on the enum return.
 */
public final class EnumValueWithoutPosition implements Check {
    public static final String ID = "enum-value-without-position";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.AlterEnumAddValue add) || add.positioned()) {
            return List.of();
        }
        return Predicates.report(ID,
                "Value '" + add.value() + "' is added to enum " + add.typeName() + " without BEFORE or AFTER, so it "
                        + "sorts after every existing value; comparisons and ORDER BY on the type change meaning.",
                "Say where it belongs: ALTER TYPE " + add.typeName() + " ADD VALUE IF NOT EXISTS '" + add.value()
                        + "' BEFORE '<existing>' (or AFTER).", op);
    }
}
