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
 * {@code ADD COLUMN ... DEFAULT <volatile>}: PostgreSQL 11+ stores a non-volatile default once in
 * {@code pg_attribute.attmissingval} (no rewrite), but a volatile one ({@code random()},
 * {@code gen_random_uuid()}, {@code clock_timestamp()}, an unknown user function) rewrites the table and
 * its indexes under ACCESS EXCLUSIVE. Before 11 every non-NULL default rewrites. The gate is {@code >= 11}:
 * 11.0 itself has the fast path.
 */
public final class AddingVolatileDefault implements Check {
    public static final String ID = "adding-volatile-default";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.AddColumn add) || !add.column().hasDefault() || add.column().identity()
                || Predicates.isNewTable(add.table(), ctx)) {
            return List.of();
        }
        boolean fastDefaults = ctx.serverVersion().atLeast(11, 0);
        if (fastDefaults && !Predicates.mayBeVolatile(add.column().defaultValue(), ctx.catalog())) {
            return List.of();
        }
        String why = fastDefaults
                ? "its default " + add.column().defaultValue().sql() + " is volatile (or its volatility is unknown)"
                : "before PostgreSQL 11 every non-NULL default is written into every row";
        return Predicates.report(ID,
                "Adding column " + add.column().name() + " to " + add.table() + " rewrites the whole table and its "
                        + "indexes under an ACCESS EXCLUSIVE lock, because " + why + "; reads and writes wait throughout.",
                "Add the column without a default, then SET DEFAULT for new rows, backfill existing rows in "
                        + "batches, and stage NOT NULL with a NOT VALID check if it is required.", op);
    }
}
