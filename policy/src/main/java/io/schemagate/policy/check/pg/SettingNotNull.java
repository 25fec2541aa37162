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
 * {@code ALTER COLUMN c SET NOT NULL} scans the whole table under ACCESS EXCLUSIVE. From PostgreSQL 12
 * the scan is skipped when a validated {@code CHECK (c IS NOT NULL)} already proves there are no NULLs,
 * so the check is silent then (the catalog, or an earlier VALIDATE in the same batch, tells us).
 */
public final class SettingNotNull implements Check {
    public static final String ID = "setting-not-null";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.SetNotNull set) || Predicates.isNewTable(set.table(), ctx)) {
            return List.of();
        }
        if (ctx.serverVersion().atLeast(12, 0)
                && !ctx.catalog().validNotNullChecks(set.table(), set.column()).orElse(List.of()).isEmpty()) {
            return List.of();
        }
        String help = ctx.serverVersion().atLeast(12, 0)
                ? "Add CHECK (" + set.column() + " IS NOT NULL) NOT VALID, VALIDATE it in a separate transaction, "
                        + "then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the helper check."
                : "Add CHECK (" + set.column() + " IS NOT NULL) NOT VALID and VALIDATE it in a separate transaction; "
                        + "before PostgreSQL 12 SET NOT NULL always scans, so keep the check as the guarantee.";
        return Predicates.report(ID,
                "SET NOT NULL on " + set.table() + "." + set.column() + " scans every row while holding an "
                        + "ACCESS EXCLUSIVE lock, so reads and writes on the table wait for the whole scan.", help, op);
    }
}
