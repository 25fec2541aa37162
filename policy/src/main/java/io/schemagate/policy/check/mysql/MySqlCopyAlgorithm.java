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
 * An explicit {@code ALGORITHM=COPY} or {@code LOCK=SHARED / EXCLUSIVE}: COPY and SHARED block writes for
 * the whole operation, EXCLUSIVE blocks reads too. Reported once per statement.
 */
public final class MySqlCopyAlgorithm implements Check {
    public static final String ID = "mysql-copy-algorithm";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        var o = statement.onlineOptions();
        boolean blocking = "COPY".equalsIgnoreCase(o.algorithm()) || "SHARED".equalsIgnoreCase(o.lock())
                || "EXCLUSIVE".equalsIgnoreCase(o.lock());
        if (!blocking || statement.operations().isEmpty() || statement.operations().get(0) != op
                || Predicates.isNewTable(op.table(), ctx)) {
            return List.of();
        }
        return Predicates.report(ID,
                "The statement asks for " + (o.algorithm() == null ? "" : "ALGORITHM=" + o.algorithm() + " ")
                        + (o.lock() == null ? "" : "LOCK=" + o.lock()) + " on " + op.table() + ", which blocks writes "
                        + "(EXCLUSIVE also reads) for the whole operation.",
                "Drop the clause and ask for ALGORITHM=INSTANT, or ALGORITHM=INPLACE, LOCK=NONE; if the server "
                        + "refuses both, use an online schema change tool (gh-ost, pt-online-schema-change).", op);
    }
}
