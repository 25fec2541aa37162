package io.schemagate.policy.check.mysql;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.ColumnDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * ADD COLUMN that cannot use ALGORITHM=INSTANT and so rebuilds the whole table in place (long, disk
 * hungry, replicas lag). INSTANT ADD exists from MySQL 8.0.12 (last column only) and at any position
 * from 8.0.29; MariaDB from 10.3.2 (last column) and 10.4 (any position). It is never available for
 * COMPRESSED or partitioned tables, tables with a FULLTEXT index, past 1022 columns, past the row
 * version limit (64, 255 from MySQL 9.1), or for a NOT NULL DATETIME without a default. Expression
 * defaults, stored generated and auto-increment columns have their own checks.
 */
public final class MySqlInstantAddUnavailable implements Check {
    public static final String ID = "mysql-instant-add-unavailable";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.AddColumn add) || Predicates.isNewTable(add.table(), ctx)
                || MySqlFacts.explicitlyOnline(statement) || coveredElsewhere(add.column())) {
            return List.of();
        }
        List<String> reasons = reasons(add, ctx);
        if (reasons.isEmpty()) {
            return List.of();
        }
        return Predicates.report(ID,
                "Adding " + add.column().name() + " to " + add.table() + " cannot be INSTANT (" + String.join("; ", reasons)
                        + "), so the whole table is rebuilt: it takes long, needs disk for a copy, and replicas lag.",
                "Add the column as the last column, nullable or with a literal default, on a version with INSTANT ADD; "
                        + "otherwise ask for ALGORITHM=INPLACE, LOCK=NONE on a small table, or use gh-ost / "
                        + "pt-online-schema-change for a large one.", op);
    }

    static boolean coveredElsewhere(ColumnDef c) {
        return c.identity() || (c.generated() != null && c.generated().stored())
                || MySqlFacts.isExpressionDefault(c.defaultValue());
    }

    /** Why this ADD COLUMN cannot be INSTANT here; empty when it can. */
    public static List<String> reasons(Operation.AddColumn add, CheckContext ctx) {
        ServerVersion v = ctx.serverVersion();
        boolean positioned = add.position() != null && add.position().isExplicit();
        List<String> out = new ArrayList<>();
        if (v.isMariaDb()) {
            if (!v.atLeast(10, 3, 2)) {
                out.add(v + " has no INSTANT ADD COLUMN (MariaDB 10.3.2+)");
            } else if (positioned && !v.atLeast(10, 4, 0)) {
                out.add("FIRST / AFTER needs MariaDB 10.4 for INSTANT");
            }
        } else if (!v.atLeast(8, 0, 12)) {
            out.add(v + " has no INSTANT ADD COLUMN (MySQL 8.0.12+)");
        } else if (positioned && !v.atLeast(8, 0, 29)) {
            out.add("FIRST / AFTER needs MySQL 8.0.29 for INSTANT");
        }
        String type = add.column().type() == null ? "" : Predicates.baseType(add.column().type());
        if (type.equals("datetime") && add.column().notNull() && !add.column().hasDefault()) {
            out.add("a NOT NULL DATETIME without a default");
        }
        ctx.catalog().mysqlTableFacts(add.table()).ifPresent(f -> {
            if ("COMPRESSED".equalsIgnoreCase(f.rowFormat())) {
                out.add("the table is ROW_FORMAT=COMPRESSED");
            }
            if (f.hasFulltextIndex()) {
                out.add("the table has a FULLTEXT index");
            }
            if (f.partitioned() && !v.isMariaDb()) {
                out.add("the table is partitioned");
            }
            if (f.columnCount() + 1 > 1022) {
                out.add("the table would exceed 1022 columns");
            }
            int limit = v.atLeast(9, 1, 0) ? 255 : 64;
            if (!v.isMariaDb() && f.totalRowVersions() >= limit) {
                out.add("the table has used all " + limit + " INSTANT row versions");
            }
        });
        return out;
    }
}
