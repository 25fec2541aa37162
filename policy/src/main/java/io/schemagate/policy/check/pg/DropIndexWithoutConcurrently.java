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

/** {@code DROP INDEX} without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table. */
public final class DropIndexWithoutConcurrently implements Check {
    public static final String ID = "drop-index-without-concurrently";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.DropIndex drop) || drop.concurrently() || Predicates.isNewTable(drop.table(), ctx)) {
            return List.of();
        }
        return Predicates.report(ID,
                "DROP INDEX " + drop.name() + " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table; "
                        + "queued behind a long transaction it blocks every read and write.",
                "Use DROP INDEX CONCURRENTLY IF EXISTS, one index per statement, outside a transaction block.", op);
    }
}
