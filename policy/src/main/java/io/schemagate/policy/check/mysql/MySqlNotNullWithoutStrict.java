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
 * {@code MODIFY c T NOT NULL}: NULL to NOT NULL is an in-place rebuild that is only safe under a strict
 * {@code sql_mode}; without one, existing NULLs are silently turned into the type's zero value (and
 * MariaDB requires strict mode). The catalog says the session's sql_mode; unknown counts as not strict.
 */
public final class MySqlNotNullWithoutStrict implements Check {
    public static final String ID = "mysql-not-null-without-strict";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.ModifyColumn m) || !m.definition().notNull()
                || Predicates.isNewTable(m.table(), ctx) || isStrict(ctx)) {
            return List.of();
        }
        return Predicates.report(ID,
                "Making " + m.table() + "." + m.column() + " NOT NULL without a strict sql_mode (or with the mode "
                        + "unknown) can silently turn existing NULLs into zero values while the table is rebuilt.",
                "Enable STRICT_TRANS_TABLES for the session, backfill the NULLs in batches, then MODIFY ... NOT NULL "
                        + "with ALGORITHM=INPLACE, LOCK=NONE.", op);
    }

    public static boolean isStrict(CheckContext ctx) {
        return ctx.catalog().mysqlSqlMode()
                .map(mode -> mode.toUpperCase(Locale.ROOT))
                .map(mode -> mode.contains("STRICT_TRANS_TABLES") || mode.contains("STRICT_ALL_TABLES"))
                .orElse(false);
    }
}
