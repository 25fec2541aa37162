package io.schemagate.policy.plan.pg;

import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.ColumnPosition;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.plan.StagedStep;
import io.schemagate.policy.plan.Staging;
import io.schemagate.policy.plan.Step;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ADD COLUMN} staged so nothing scans or rewrites under ACCESS EXCLUSIVE:
 * <ol>
 *   <li>in-band: the column itself, nullable and without a default when the default would rewrite
 *       (volatile, or any default before PostgreSQL 11); with its constant default and NOT NULL otherwise;</li>
 *   <li>SET DEFAULT for new rows (metadata only, even for a volatile expression);</li>
 *   <li>backfill existing rows in batches;</li>
 *   <li>NOT NULL through a validated check ({@link NotNullStaging});</li>
 *   <li>inline CHECK as NOT VALID + VALIDATE; inline UNIQUE / PRIMARY KEY through a concurrently built
 *       unique index attached with USING INDEX.</li>
 * </ol>
 */
final class AddColumnStaging {

    static final String PK_BEFORE_12 = "before PostgreSQL 12 adding a primary key always scans the table under "
            + "ACCESS EXCLUSIVE to set NOT NULL; schedule a window or upgrade";

    private AddColumnStaging() {
    }

    static Staging stage(Operation.AddColumn add, CheckContext ctx) {
        ColumnDef col = add.column();
        TableRef t = add.table();
        if (col.identity() && !SerialStaging.isSerial(col)) {
            return Staging.unsupported("an identity column fills every row under a rewrite; add a serial-style "
                    + "column instead (a sequence, SET DEFAULT nextval(...), a backfill and staged NOT NULL)");
        }
        if (col.generated() != null && col.generated().stored()) {
            return Staging.unsupported("a stored generated column rewrites the table; add a plain column kept "
                    + "filled by a trigger and backfill it instead");
        }
        if (col.type() == null) {
            return Staging.unsupported("the column's type was not reported by the analyser");
        }
        boolean primaryKey = Predicates.hasInline(col, ConstraintKind.PRIMARY_KEY);
        boolean notNull = col.notNull() || primaryKey;
        if (notNull && !col.hasDefault()) {
            return Staging.unsupported("column " + col.name() + " is NOT NULL without a default, so existing rows "
                    + "have no value to take; add it nullable (or with a default), backfill it, then SET NOT NULL");
        }
        if (!Predicates.inline(col, ConstraintKind.FOREIGN_KEY).isEmpty()) {
            return Staging.unsupported("the inline REFERENCES of column " + col.name() + " cannot be re-written "
                    + "faithfully (its ON DELETE / ON UPDATE clauses are not in the model); add the column first, "
                    + "then ADD CONSTRAINT <name> FOREIGN KEY (" + col.name() + ") REFERENCES ... NOT VALID and "
                    + "VALIDATE CONSTRAINT <name> in a separate transaction");
        }
        if (col.identity()) {
            List<StagedStep> steps = new ArrayList<>(SerialStaging.steps(t, col, ctx));
            List<StagedStep> constraints = inlineConstraints(t, col, ctx);
            if (constraints == null) {
                return Staging.unsupported(PK_BEFORE_12);
            }
            steps.addAll(constraints);
            return Staging.of(steps);
        }
        boolean backfill = col.hasDefault()
                && (!ctx.serverVersion().atLeast(11, 0) || Predicates.mayBeVolatile(col.defaultValue(), ctx.catalog()));
        List<StagedStep> steps = new ArrayList<>();
        String column = PgSql.ident(col.name());
        ColumnDef added = backfill
                ? new ColumnDef(col.name(), col.type(), false, null, List.of(), null, false, col.charset())
                : new ColumnDef(col.name(), col.type(), notNull, col.defaultValue(), List.of(), null, false,
                col.charset());
        // IF NOT EXISTS only when the statement said so: on an existing column the statement fails
        // (42701), and a skipped in-band step would let the background steps change that column.
        steps.add(PgSteps.inBand(new Operation.AddColumn(t, added, add.ifNotExists(), ColumnPosition.DEFAULT),
                backfill ? "add " + col.name() + " nullable and without a default: metadata only"
                        : "add " + col.name() + (col.hasDefault() ? " with its constant default (PostgreSQL 11+ stores it "
                        + "once, no rewrite)" : ""),
                PgSql.alter(t, "ADD COLUMN " + (add.ifNotExists() ? "IF NOT EXISTS " : "")
                        + PgSql.columnDefinition(added, true, true)),
                PgSql.columnExists(t, col.name()), PgSql.alter(t, "DROP COLUMN IF EXISTS " + column)));
        if (backfill) {
            steps.add(PgSteps.background(new Operation.SetDefault(t, col.name(), col.defaultValue()),
                    "default for new rows (metadata only, even for a volatile expression)",
                    PgSql.alter(t, "ALTER COLUMN " + column + " SET DEFAULT " + col.defaultValue().sql()), false,
                    PgSql.hasDefault(t, col.name()), PgSql.alter(t, "ALTER COLUMN " + column + " DROP DEFAULT")));
            steps.add(PgSteps.backfill(t, col.name(), col.defaultValue().sql(),
                    ctx.catalog().primaryKey(t).orElse(List.of())));
            if (notNull) {
                steps.addAll(NotNullStaging.steps(t, col.name(), ctx.serverVersion(), Step.Where.BACKGROUND));
            }
        }
        List<StagedStep> constraints = inlineConstraints(t, col, ctx);
        if (constraints == null) {
            return Staging.unsupported(PK_BEFORE_12);
        }
        steps.addAll(constraints);
        return Staging.of(steps);
    }

    /** Inline CHECK, UNIQUE and PRIMARY KEY split out; null when a primary key cannot be staged here. */
    private static List<StagedStep> inlineConstraints(TableRef t, ColumnDef col, CheckContext ctx) {
        List<StagedStep> steps = new ArrayList<>();
        for (ConstraintDef check : Predicates.inline(col, ConstraintKind.CHECK)) {
            steps.addAll(ConstraintStaging.checkNotValid(t, check, col.name(), Step.Where.BACKGROUND));
        }
        for (ConstraintDef unique : Predicates.inline(col, ConstraintKind.UNIQUE)) {
            steps.addAll(ConstraintStaging.uniqueUsingIndex(t, withColumn(unique, col.name()), ctx));
        }
        for (ConstraintDef pk : Predicates.inline(col, ConstraintKind.PRIMARY_KEY)) {
            List<StagedStep> pkSteps = ConstraintStaging.uniqueUsingIndex(t, withColumn(pk, col.name()), ctx);
            if (pkSteps == null) {
                return null;
            }
            steps.addAll(pkSteps);
        }
        return steps;
    }

    private static ConstraintDef withColumn(ConstraintDef c, String column) {
        return new ConstraintDef(c.name(), c.kind(), List.of(column), c.notValid(), c.usingIndex(), c.referencedTable(),
                c.referencedColumns(), c.expression(), c.enforced());
    }
}
