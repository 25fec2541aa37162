package io.schemagate.policy.check.mysql;

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
 * {@code MODIFY / CHANGE} that changes a column's data type (int to bigint, varchar to text, signedness,
 * decimal precision, charset) copies the whole table with writes blocked. VARCHAR length and ENUM / SET
 * member changes have their own, finer checks. When the catalog cannot say the current type the change
 * is assumed to be a type change (fail closed).
 */
public final class MySqlChangingColumnType implements Check {
    public static final String ID = "mysql-changing-column-type";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.ModifyColumn m) || m.definition().type() == null
                || Predicates.isNewTable(m.table(), ctx)) {
            return List.of();
        }
        var current = ctx.catalog().columnType(m.table(), m.column());
        String newType = m.definition().type();
        if (current.isPresent()) {
            String a = Predicates.baseType(current.get());
            String b = Predicates.baseType(newType);
            boolean sameType = MySqlFacts.normalisedType(current.get()).equals(MySqlFacts.normalisedType(newType));
            boolean finerCheck = a.equals(b) && (a.equals("varchar") || a.equals("enum") || a.equals("set"));
            if ((sameType && m.definition().charset() == null) || finerCheck) {
                return List.of();
            }
        }
        String from = current.map(t -> " from " + t).orElse(" (its current type is unknown here)");
        return Predicates.report(ID,
                "MODIFY of " + m.table() + "." + m.column() + from + " to " + newType + " is treated as a data-type "
                        + "change, which copies the whole table with writes blocked and makes replicas lag.",
                "Use an online schema change tool (gh-ost, pt-online-schema-change), or expand and contract: add a "
                        + "new column, write to both, backfill, switch reads, drop the old column.", op);
    }
}
