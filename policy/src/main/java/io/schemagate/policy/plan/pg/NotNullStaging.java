package io.schemagate.policy.plan.pg;

import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.Expression;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.Volatility;
import io.schemagate.policy.plan.StagedStep;
import io.schemagate.policy.plan.Step;

import java.util.ArrayList;
import java.util.List;

/**
 * NOT NULL without a long ACCESS EXCLUSIVE scan: {@code CHECK (c IS NOT NULL) NOT VALID} (metadata
 * only; new rows are checked from now on), {@code VALIDATE CONSTRAINT} in its own transaction (SHARE
 * UPDATE EXCLUSIVE: reads and writes continue), then on PostgreSQL 12+ {@code SET NOT NULL}, which uses
 * the valid check instead of scanning, and finally the helper check is dropped. Before 12 SET NOT NULL
 * would scan again, so the validated check stays as the guarantee.
 */
final class NotNullStaging {

    private NotNullStaging() {
    }

    static String constraintName(TableRef table, String column) {
        return PgSql.derivedName(table, List.of(column), "not_null");
    }

    static List<StagedStep> steps(TableRef t, String column, ServerVersion version, Step.Where firstStep) {
        String name = constraintName(t, column);
        String condition = PgSql.ident(column) + " IS NOT NULL";
        ConstraintDef check = new ConstraintDef(name, ConstraintKind.CHECK, List.of(), true, null, null, List.of(),
                new Expression(condition, Volatility.IMMUTABLE, List.of()), true);
        String addCheck = PgSql.alter(t, "ADD CONSTRAINT " + PgSql.ident(name) + " CHECK (" + condition + ") NOT VALID");
        String dropCheck = PgSql.alter(t, "DROP CONSTRAINT IF EXISTS " + PgSql.ident(name));
        List<StagedStep> out = new ArrayList<>();
        String addDescription = "add CHECK (" + condition + ") NOT VALID: new and updated rows are checked at once";
        out.add(firstStep == Step.Where.IN_BAND
                ? PgSteps.inBand(new Operation.AddConstraint(t, check), addDescription, addCheck,
                PgSql.constraintExists(t, name, false), dropCheck)
                : PgSteps.background(new Operation.AddConstraint(t, check), addDescription, addCheck, false,
                PgSql.constraintExists(t, name, false), dropCheck));
        out.add(PgSteps.background(new Operation.ValidateConstraint(t, name),
                "validate the check in its own transaction (SHARE UPDATE EXCLUSIVE; writes continue)",
                PgSql.alter(t, "VALIDATE CONSTRAINT " + PgSql.ident(name)), true,
                PgSql.constraintExists(t, name, true), null));
        if (version.atLeast(12, 0)) {
            out.add(PgSteps.background(new Operation.SetNotNull(t, column),
                    "SET NOT NULL: PostgreSQL 12+ proves it from the valid check, no scan",
                    PgSql.alter(t, "ALTER COLUMN " + PgSql.ident(column) + " SET NOT NULL"), false,
                    PgSql.attNotNull(t, column),
                    PgSql.alter(t, "ALTER COLUMN " + PgSql.ident(column) + " DROP NOT NULL")));
            out.add(PgSteps.background(new Operation.DropConstraint(t, name, ConstraintKind.CHECK, true),
                    "drop the helper check, now redundant", dropCheck, false,
                    PgSql.constraintAbsent(t, name), addCheck));
        }
        return out;
    }
}
