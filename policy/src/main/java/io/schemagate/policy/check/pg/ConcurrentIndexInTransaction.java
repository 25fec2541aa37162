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
 * CONCURRENTLY forms (CREATE / DROP INDEX, REINDEX, DETACH PARTITION) cannot run inside a transaction
 * block: PostgreSQL rejects them, leaving a multi-statement migration half applied.
 */
public final class ConcurrentIndexInTransaction implements Check {
    public static final String ID = "concurrent-index-in-transaction";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!ctx.inTransactionBlock()) {
            return List.of();
        }
        boolean concurrent = op instanceof Operation.CreateIndex i ? i.concurrently()
                : op instanceof Operation.DropIndex d ? d.concurrently()
                : op instanceof Operation.Reindex r ? r.concurrently()
                : op instanceof Operation.Partition p && p.concurrently();
        if (!concurrent) {
            return List.of();
        }
        return Predicates.report(ID,
                "A CONCURRENTLY operation on " + op.table() + " is inside a transaction block; PostgreSQL refuses it "
                        + "(\"cannot run inside a transaction block\"), failing the transaction.",
                "Send it on its own, in autocommit mode, after the transaction has committed.", op);
    }
}
