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
 * An ALTER without an {@code ALGORITHM} clause lets MySQL silently fall back to a table copy that blocks
 * writes. With an explicit {@code ALGORITHM=INSTANT} or {@code ALGORITHM=INPLACE, LOCK=NONE} the server
 * refuses instead (errors 1845 / 1846). Reported once per statement.
 */
public final class MySqlNoAlgorithmGuard implements Check {
    public static final String ID = "mysql-no-algorithm-guard";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (statement.onlineOptions().algorithm() != null || !guardable(op, ctx)) {
            return List.of();
        }
        for (Operation earlier : statement.operations()) {
            if (earlier == op) {
                break;
            }
            if (guardable(earlier, ctx)) {
                return List.of();
            }
        }
        return Predicates.report(ID,
                "ALTER on " + op.table() + " has no ALGORITHM clause, so if the change cannot be done in place "
                        + "MySQL silently copies the table and blocks writes for the whole copy.",
                "Append ALGORITHM=INSTANT (or ALGORITHM=INPLACE, LOCK=NONE): the server then refuses an operation "
                        + "it cannot do online instead of copying the table.", op);
    }

    private static boolean guardable(Operation op, CheckContext ctx) {
        return MySqlFacts.altersTable(op) && !Predicates.isNewTable(op.table(), ctx);
    }
}
