package io.schemagate.policy.check.mysql;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import java.util.Locale;
import java.util.List;
import java.util.Set;

/**
 * FULLTEXT and SPATIAL indexes cannot be built with concurrent writes (and the first FULLTEXT index
 * rebuilds the table), unlike ordinary secondary indexes, which InnoDB builds in place with DML allowed.
 */
public final class MySqlBlockingIndexType implements Check {
    public static final String ID = "mysql-blocking-index-type";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.CreateIndex idx) || idx.method() == null || Predicates.isNewTable(idx.table(), ctx)) {
            return List.of();
        }
        String method = idx.method().toLowerCase(Locale.ROOT);
        if (!method.equals("fulltext") && !method.equals("spatial")) {
            return List.of();
        }
        return Predicates.report(ID,
                "Building a " + method.toUpperCase(Locale.ROOT) + " index on " + idx.table() + " blocks writes for the "
                        + "whole build" + (method.equals("fulltext") ? " (the first one also rebuilds the table)" : "") + ".",
                "Build it in a quiet window, or create it with an online schema change tool.", op);
    }
}
