package io.schemagate.policy.plan.pg;

import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.plan.StagedStep;
import io.schemagate.policy.plan.Step;

import java.util.ArrayList;
import java.util.List;

/**
 * Constraints without the long lock: CHECK and FOREIGN KEY as NOT VALID then VALIDATE in a separate
 * transaction; UNIQUE and PRIMARY KEY through {@code CREATE UNIQUE INDEX CONCURRENTLY} and
 * {@code ADD CONSTRAINT ... USING INDEX}, with NOT NULL staged first for a primary key (a PK on
 * nullable columns would set NOT NULL with a scan under ACCESS EXCLUSIVE).
 */
final class ConstraintStaging {

    private ConstraintStaging() {
    }

    static List<StagedStep> checkNotValid(TableRef t, ConstraintDef check, String column, Step.Where firstStep) {
        String name = check.name() != null ? check.name()
                : PgSql.derivedName(t, column == null ? List.of() : List.of(column), "check");
        ConstraintDef notValid = new ConstraintDef(name, ConstraintKind.CHECK, check.columns(), true, null, null,
                List.of(), check.expression(), true);
        String add = PgSql.alter(t, "ADD CONSTRAINT " + PgSql.ident(name) + " CHECK (" + check.expression().sql()
                + ") NOT VALID");
        return notValidThenValidate(t, name, notValid, add, "CHECK (" + check.expression().sql() + ")", firstStep);
    }

    /** The ADD step is given as SQL: for a foreign key it is the statement as written plus NOT VALID. */
    static List<StagedStep> notValidThenValidate(TableRef t, String name, ConstraintDef notValid, String addSql,
                                                 String what, Step.Where firstStep) {
        List<StagedStep> out = new ArrayList<>();
        String drop = PgSql.alter(t, "DROP CONSTRAINT IF EXISTS " + PgSql.ident(name));
        String description = "add " + what + " NOT VALID: enforced for new rows at once, existing rows not scanned";
        Operation add = new Operation.AddConstraint(t, notValid);
        out.add(firstStep == Step.Where.IN_BAND
                ? PgSteps.inBand(add, description, addSql, PgSql.constraintExists(t, name, false), drop)
                : PgSteps.background(add, description, addSql, false, PgSql.constraintExists(t, name, false), drop));
        out.add(PgSteps.background(new Operation.ValidateConstraint(t, name),
                "validate " + name + " in its own transaction (SHARE UPDATE EXCLUSIVE; reads and writes continue)",
                PgSql.alter(t, "VALIDATE CONSTRAINT " + PgSql.ident(name)), true,
                PgSql.constraintExists(t, name, true), null));
        return out;
    }

    /** UNIQUE or PRIMARY KEY: build the index concurrently, then attach it as the constraint. */
    static List<StagedStep> uniqueUsingIndex(TableRef t, ConstraintDef c, CheckContext ctx) {
        boolean pk = c.kind() == ConstraintKind.PRIMARY_KEY;
        if (pk && !ctx.serverVersion().atLeast(12, 0)) {
            // Before 12 the implicit SET NOT NULL of ADD PRIMARY KEY ignores a valid CHECK and scans under
            // ACCESS EXCLUSIVE, so there is no scan-free path to stage.
            return null;
        }
        String name = c.name() != null ? c.name()
                : pk ? PgSql.derivedName(t, List.of(), "pkey") : PgSql.derivedName(t, c.columns(), "key");
        List<StagedStep> out = new ArrayList<>();
        if (pk) {
            for (String column : c.columns()) {
                out.addAll(NotNullStaging.steps(t, column, ctx.serverVersion(), Step.Where.BACKGROUND));
            }
        }
        out.add(IndexStaging.createConcurrently(t, name, c.columns(), true,
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + PgSql.ident(name) + " ON " + PgSql.table(t) + " ("
                        + PgSql.columns(c.columns()) + ")"));
        ConstraintDef attached = new ConstraintDef(name, c.kind(), List.of(), false, name, null, List.of(), null, true);
        out.add(PgSteps.background(new Operation.AddConstraint(t, attached),
                "attach the valid index as the " + (pk ? "primary key" : "unique constraint") + " (brief lock, no scan)",
                PgSql.alter(t, "ADD CONSTRAINT " + PgSql.ident(name) + (pk ? " PRIMARY KEY" : " UNIQUE")
                        + " USING INDEX " + PgSql.ident(name)), false,
                PgSql.constraintExists(t, name, true), PgSql.alter(t, "DROP CONSTRAINT IF EXISTS " + PgSql.ident(name))));
        return out;
    }
}
