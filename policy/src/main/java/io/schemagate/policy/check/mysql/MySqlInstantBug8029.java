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
 * MySQL 8.0.29 to 8.0.31: INSTANT ADD / DROP COLUMN writes a redo format with a design flaw that can
 * corrupt data during crash recovery or an XtraBackup prepare (fixed in 8.0.32). On these versions
 * INSTANT is the default, so an ADD / DROP COLUMN without ALGORITHM=INPLACE or COPY uses it.
 */
public final class MySqlInstantBug8029 implements Check {
    public static final String ID = "mysql-instant-bug-8-0-29";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        boolean addOrDrop = op instanceof Operation.AddColumn || op instanceof Operation.DropColumn;
        if (!addOrDrop || !MySqlFacts.hasInstantRedoBug(ctx.serverVersion()) || !MySqlFacts.mayUseInstant(statement)) {
            return List.of();
        }
        return Predicates.report(ID,
                "On " + ctx.serverVersion() + " an INSTANT column add or drop on " + op.table() + " can leave data "
                        + "that crash recovery or an XtraBackup restore corrupts (fixed in MySQL 8.0.32).",
                "Upgrade to MySQL 8.0.32 or later; until then ask for ALGORITHM=INPLACE, LOCK=NONE (a rebuild that "
                        + "allows writes) or use an online schema change tool.", op);
    }
}
