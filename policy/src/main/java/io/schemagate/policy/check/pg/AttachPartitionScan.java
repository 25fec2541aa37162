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
 * {@code ATTACH PARTITION} scans the new partition to prove every row fits the bound (while locking it
 * and the DEFAULT partition), unless a validated CHECK constraint on the partition already implies it.
 * The catalog cannot tell us about such a constraint, so the check is conservative.
 */
public final class AttachPartitionScan implements Check {
    public static final String ID = "attach-partition-scan";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    /** {@code CREATE TABLE p PARTITION OF parent}: the new partition is empty, there is nothing to scan. */
    private static boolean createdInSameStatement(Operation.Partition p, AnalyzedStatement statement) {
        return statement.operations().stream().anyMatch(o -> o instanceof Operation.CreateTable ct
                && Predicates.sameTable(ct.table(), p.partition()));
    }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.Partition p) || !p.attach() || Predicates.isNewTable(p.partition(), ctx)
                || createdInSameStatement(p, statement)) {
            return List.of();
        }
        return Predicates.report(ID,
                "Attaching " + p.partition() + " to " + p.table() + " scans the whole partition to check the bound "
                        + "unless a validated CHECK constraint already proves it; writes to it wait meanwhile.",
                "First add a CHECK constraint matching the bound with NOT VALID, VALIDATE it in its own transaction, "
                        + "then ATTACH PARTITION (the scan is skipped) and drop the helper constraint.", op);
    }
}
