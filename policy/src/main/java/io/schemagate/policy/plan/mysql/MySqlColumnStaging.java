package io.schemagate.policy.plan.mysql;

import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.mysql.MySqlFacts;
import io.schemagate.policy.check.mysql.MySqlInstantAddUnavailable;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.ColumnPosition;
import io.schemagate.policy.ddl.Expression;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.plan.Planning;
import io.schemagate.policy.plan.StagedStep;
import io.schemagate.policy.plan.Step;
import io.schemagate.policy.plan.mysql.MySqlAlgorithms.Algorithm;

import java.util.ArrayList;
import java.util.List;

/** Staged column changes for MySQL / MariaDB: expression defaults and NOT NULL without a table copy. */
final class MySqlColumnStaging {

    private MySqlColumnStaging() {
    }

    /**
     * {@code ADD COLUMN c T [NOT NULL] DEFAULT (expr)}: an expression default is never INSTANT, so add the
     * column nullable (INSTANT where possible), set the default for new rows, backfill, then NOT NULL.
     */
    static Planning addWithExpressionDefault(Operation.AddColumn add, CheckContext ctx) {
        ColumnDef col = add.column();
        TableRef t = add.table();
        if (col.type() == null || !col.constraints().isEmpty() || col.identity() || col.generated() != null) {
            return new Planning.Unsupported("only a plain column with an expression default can be staged; split "
                    + "its inline constraints into statements of their own");
        }
        ColumnDef nullable = MySqlPlanner.nullableCopy(col);
        Operation.AddColumn plainAdd = new Operation.AddColumn(t, nullable, false, add.position());
        boolean instant = MySqlInstantAddUnavailable.reasons(plainAdd, ctx).isEmpty()
                && !MySqlFacts.hasInstantRedoBug(ctx.serverVersion());
        Algorithm addAlgorithm = instant ? Algorithm.INSTANT : Algorithm.INPLACE;
        String position = position(add.position());
        String column = MySqlSql.ident(col.name());
        String expr = MySqlSql.parenthesised(col.defaultValue().sql());
        List<StagedStep> steps = new ArrayList<>();
        steps.add(MySqlPlanner.step(plainAdd, addAlgorithm, "add " + col.name() + " nullable without a default"
                        + (instant ? " (INSTANT: metadata only)" : " (in place; writes continue)"), Step.Where.IN_BAND,
                MySqlSql.alter(t, "ADD COLUMN " + MySqlSql.columnDefinition(nullable, false, null) + position,
                        addAlgorithm.clause),
                MySqlSql.columnExists(t, col.name()),
                MySqlSql.alter(t, "DROP COLUMN " + column, Algorithm.INPLACE.clause)));
        Algorithm defaultAlgorithm = MySqlAlgorithms.instantAvailable(ctx.serverVersion()) ? Algorithm.INSTANT
                : Algorithm.INPLACE;
        steps.add(MySqlPlanner.step(new Operation.SetDefault(t, col.name(), col.defaultValue()), defaultAlgorithm,
                "default for new rows (a metadata change)", Step.Where.BACKGROUND,
                MySqlSql.alter(t, "ALTER COLUMN " + column + " SET DEFAULT " + expr, defaultAlgorithm.clause),
                MySqlSql.hasDefault(t, col.name()),
                MySqlSql.alter(t, "ALTER COLUMN " + column + " DROP DEFAULT", defaultAlgorithm.clause)));
        steps.add(MySqlPlanner.backfill(t, col.name(), col.defaultValue().sql(), ctx));
        if (col.notNull()) {
            steps.add(notNullStep(t, col, col.defaultValue(), expr));
        }
        return MySqlPlanner.assemble(t, "staged ADD COLUMN " + col.name() + " with expression default " + expr, steps);
    }

    /**
     * {@code MODIFY c T NOT NULL} on a column of unchanged type: backfill NULLs with the new default if one is
     * given, then rebuild in place with writes allowed. Without a default, NULLs make the MODIFY fail under
     * strict mode, which leaves the table unchanged.
     */
    static Planning modifyNotNull(Operation.ModifyColumn m, CheckContext ctx) {
        ColumnDef def = m.definition();
        TableRef t = m.table();
        var current = ctx.catalog().columnType(t, m.column());
        if (def.type() == null || current.isEmpty()
                || !MySqlFacts.normalisedType(current.get()).equals(MySqlFacts.normalisedType(def.type()))) {
            return new Planning.Unsupported("MODIFY of " + t + "." + m.column() + " may change its type (the current "
                    + "type is not known here), which copies the table; use an online schema change tool");
        }
        if (!def.name().equals(m.column()) || (m.position() != null && m.position().isExplicit())
                || !def.constraints().isEmpty() || def.identity() || def.generated() != null) {
            return new Planning.Unsupported("only a plain NULL to NOT NULL change can be staged; rename, move or "
                    + "constrain the column in a statement of its own");
        }
        List<StagedStep> steps = new ArrayList<>();
        String defaultSql = def.hasDefault()
                ? (MySqlFacts.isExpressionDefault(def.defaultValue()) ? MySqlSql.parenthesised(def.defaultValue().sql())
                : def.defaultValue().sql())
                : null;
        if (defaultSql != null) {
            steps.add(MySqlPlanner.backfill(t, m.column(), def.defaultValue().sql(), ctx));
        }
        steps.add(notNullStep(t, def, def.defaultValue(), defaultSql));
        return MySqlPlanner.assemble(t, "staged NOT NULL for " + t + "." + m.column(), steps);
    }

    private static StagedStep notNullStep(TableRef t, ColumnDef col, Expression defaultValue, String defaultSql) {
        ColumnDef notNull = new ColumnDef(col.name(), col.type(), true, defaultValue, List.of(), null, false,
                col.charset());
        ColumnDef nullable = MySqlPlanner.nullableCopy(col);
        return MySqlPlanner.step(new Operation.ModifyColumn(t, col.name(), notNull, ColumnPosition.DEFAULT),
                Algorithm.INPLACE, "make " + col.name() + " NOT NULL in place (writes continue; needs a strict sql_mode, "
                        + "fails if a NULL is left)", Step.Where.BACKGROUND,
                MySqlSql.alter(t, "MODIFY COLUMN " + MySqlSql.columnDefinition(notNull, true, defaultSql),
                        Algorithm.INPLACE.clause),
                MySqlSql.notNullable(t, col.name()),
                MySqlSql.alter(t, "MODIFY COLUMN " + MySqlSql.columnDefinition(nullable, false, defaultSql),
                        Algorithm.INPLACE.clause));
    }

    private static String position(ColumnPosition p) {
        if (p == null || !p.isExplicit()) {
            return "";
        }
        return p.kind() == ColumnPosition.Kind.FIRST ? " FIRST" : " AFTER " + MySqlSql.ident(p.after());
    }
}
