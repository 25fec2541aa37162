package io.schemagate.policy.plan.pg;

import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.ColumnPosition;
import io.schemagate.policy.ddl.Expression;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.Volatility;
import io.schemagate.policy.plan.StagedStep;
import io.schemagate.policy.plan.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ADD COLUMN c serial / bigserial / smallserial} without the rewrite. A serial column is only
 * shorthand for an integer column with {@code DEFAULT nextval(seq)}, NOT NULL and a sequence owned by the
 * column, so it is staged as exactly that: the sequence and a nullable column (metadata only), the
 * default for new rows, a batched backfill from the sequence, NOT NULL through a validated check, and
 * finally {@code OWNED BY}. Identity columns are not serials (GENERATED ALWAYS rejects explicit values) and
 * are not staged.
 */
final class SerialStaging {

    private static final Map<String, String> SERIAL_TYPES = Map.of("serial", "integer", "serial4", "integer",
            "bigserial", "bigint", "serial8", "bigint", "smallserial", "smallint", "serial2", "smallint");

    private SerialStaging() {
    }

    static boolean isSerial(ColumnDef c) {
        return c.type() != null && SERIAL_TYPES.containsKey(Predicates.baseType(c.type()));
    }

    static List<StagedStep> steps(TableRef t, ColumnDef col, CheckContext ctx) {
        String integerType = SERIAL_TYPES.get(Predicates.baseType(col.type()));
        String sequence = PgSql.derivedName(t, List.of(col.name()), "seq");
        String qualifiedSequence = t.schema() == null ? PgSql.ident(sequence)
                : PgSql.ident(t.schema()) + "." + PgSql.ident(sequence);
        String nextval = "nextval(" + PgSql.literal(qualifiedSequence) + "::regclass)";
        String column = PgSql.ident(col.name());
        List<StagedStep> out = new ArrayList<>();
        String as = ctx.serverVersion().atLeast(10, 0) ? " AS " + integerType : "";
        out.add(PgSteps.inBand(new Operation.OtherDdl(t, "create-sequence"), "create the sequence " + sequence,
                "CREATE SEQUENCE IF NOT EXISTS " + qualifiedSequence + as,
                "SELECT to_regclass(" + PgSql.literal(qualifiedSequence) + ") IS NOT NULL",
                "DROP SEQUENCE IF EXISTS " + qualifiedSequence));
        ColumnDef plain = new ColumnDef(col.name(), integerType, false, null, List.of(), null, false, null);
        out.add(PgSteps.inBand(new Operation.AddColumn(t, plain, true, ColumnPosition.DEFAULT),
                "add " + col.name() + " as a nullable " + integerType + ": metadata only",
                PgSql.alter(t, "ADD COLUMN IF NOT EXISTS " + PgSql.columnDefinition(plain, false, false)),
                PgSql.columnExists(t, col.name()), PgSql.alter(t, "DROP COLUMN IF EXISTS " + column)));
        Expression next = new Expression(nextval, Volatility.VOLATILE, List.of("nextval"));
        out.add(PgSteps.background(new Operation.SetDefault(t, col.name(), next),
                "number new rows from the sequence (metadata only)",
                PgSql.alter(t, "ALTER COLUMN " + column + " SET DEFAULT " + nextval), false,
                PgSql.hasDefault(t, col.name()), PgSql.alter(t, "ALTER COLUMN " + column + " DROP DEFAULT")));
        out.add(PgSteps.backfill(t, col.name(), nextval, ctx.catalog().primaryKey(t).orElse(List.of())));
        out.addAll(NotNullStaging.steps(t, col.name(), ctx.serverVersion(), Step.Where.BACKGROUND));
        out.add(PgSteps.background(new Operation.OtherDdl(t, "alter-sequence"),
                "tie the sequence to the column, as serial does (dropped with it)",
                "ALTER SEQUENCE " + qualifiedSequence + " OWNED BY " + PgSql.table(t) + "." + column, false,
                "SELECT EXISTS (SELECT 1 FROM pg_depend WHERE objid = to_regclass(" + PgSql.literal(qualifiedSequence)
                        + ") AND refobjid = " + PgSql.regclass(t) + " AND deptype = 'a')",
                "ALTER SEQUENCE " + qualifiedSequence + " OWNED BY NONE"));
        return out;
    }
}
