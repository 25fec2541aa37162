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
 * {@code TRUNCATE}: deletes every row at once under an exclusive lock; with CASCADE (PostgreSQL) it
 * also empties every table that references it, down the whole foreign-key chain.
 */
public final class TruncatingTable implements Check {
    public static final String ID = "truncating-table";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL, Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.Truncate t) || Predicates.isNewTable(t.table(), ctx)) {
            return List.of();
        }
        String cascade = t.cascade() ? " CASCADE also empties every table that references it, and their referrers."
                : "";
        return Predicates.report(ID,
                "TRUNCATE " + t.table() + " deletes every row permanently under an exclusive table lock." + cascade,
                "Make sure a backup exists; name every table to empty explicitly instead of CASCADE; to empty a "
                        + "hot table gradually, DELETE in batches.", op);
    }
}
