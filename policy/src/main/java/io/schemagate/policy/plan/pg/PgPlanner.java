package io.schemagate.policy.plan.pg;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.plan.Advice;
import io.schemagate.policy.plan.Planner;
import io.schemagate.policy.plan.Planning;
import io.schemagate.policy.plan.StagedPlans;
import io.schemagate.policy.plan.StagedStep;
import io.schemagate.policy.plan.Staging;
import io.schemagate.policy.plan.Step;

import java.util.ArrayList;
import java.util.List;

/** The PostgreSQL planner: one staging per operation, assembled into one plan for the statement. */
public final class PgPlanner implements Planner {

    @Override
    public Planning plan(AnalyzedStatement statement, CheckContext ctx) {
        if (statement.statementClass() != StatementClass.DDL || !statement.fullyUnderstood()) {
            return new Planning.Unsupported("only fully analysed DDL can be staged");
        }
        List<List<StagedStep>> perOperation = new ArrayList<>();
        TableRef table = null;
        for (Operation op : statement.operations()) {
            Staging staging = stage(op, statement, ctx);
            if (!staging.isSupported()) {
                return new Planning.Unsupported(staging.unsupported());
            }
            perOperation.add(staging.steps());
            table = table == null ? op.table() : table;
        }
        if (perOperation.isEmpty()) {
            return new Planning.Unsupported("the statement changes nothing that can be staged");
        }
        return StagedPlans.assemble(Dialect.POSTGRESQL, table, "staged form of: " + statement.sql().strip(), perOperation);
    }

    private Staging stage(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        TableRef t = op.table();
        if (op instanceof Operation.AddColumn add) {
            return AddColumnStaging.stage(add, ctx);
        }
        if (op instanceof Operation.SetNotNull set) {
            return Staging.of(NotNullStaging.steps(t, set.column(), ctx.serverVersion(), Step.Where.IN_BAND));
        }
        if (op instanceof Operation.AddConstraint add) {
            return addConstraint(add, statement, ctx);
        }
        if (op instanceof Operation.CreateIndex idx) {
            return createIndex(idx, statement, ctx);
        }
        if (op instanceof Operation.DropIndex drop) {
            String index = qualifiedName(t, drop.name());
            return Staging.of(List.of(PgSteps.background(new Operation.DropIndex(t, drop.name(), true, true),
                    "drop index " + drop.name() + " concurrently (writes continue)",
                    "DROP INDEX CONCURRENTLY IF EXISTS " + index, true,
                    "SELECT to_regclass(" + PgSql.literal(index) + ") IS NULL", null)));
        }
        if (op instanceof Operation.Reindex r) {
            return reindex(r, ctx);
        }
        if (op instanceof Operation.Partition p && !p.attach()) {
            if (!ctx.serverVersion().atLeast(14, 0)) {
                return Staging.unsupported("DETACH PARTITION CONCURRENTLY needs PostgreSQL 14");
            }
            return Staging.of(List.of(PgSteps.background(new Operation.Partition(t, p.partition(), false, true),
                    "detach " + p.partition() + " concurrently (the parent stays readable and writable); if it is "
                            + "interrupted, complete it with DETACH PARTITION ... FINALIZE",
                    PgSql.alter(t, "DETACH PARTITION " + PgSql.table(p.partition()) + " CONCURRENTLY"), true,
                    "SELECT NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = " + PgSql.regclass(p.partition()) + ")",
                    null)));
        }
        if (op instanceof Operation.SetDefault d) {
            String action = d.value() == null ? "DROP DEFAULT" : "SET DEFAULT " + d.value().sql();
            return Staging.of(List.of(PgSteps.inBand(op, "change the default (metadata only)",
                    PgSql.alter(t, "ALTER COLUMN " + PgSql.ident(d.column()) + " " + action),
                    d.value() == null ? PgSql.hasDefault(t, d.column()).replace("SELECT atthasdef", "SELECT NOT atthasdef")
                            : PgSql.hasDefault(t, d.column()), null)));
        }
        if (op instanceof Operation.ValidateConstraint v) {
            return Staging.of(List.of(PgSteps.background(op, "validate " + v.name() + " in its own transaction",
                    PgSql.alter(t, "VALIDATE CONSTRAINT " + PgSql.ident(v.name())), true,
                    PgSql.constraintExists(t, v.name(), true), null)));
        }
        return Staging.unsupported(Advice.noStagedForm(op, statement, ctx));
    }

    private Staging addConstraint(Operation.AddConstraint add, AnalyzedStatement statement, CheckContext ctx) {
        ConstraintDef c = add.constraint();
        TableRef t = add.table();
        switch (c.kind()) {
            case CHECK -> {
                if (c.notValid()) {
                    return Staging.unsupported("the CHECK is already NOT VALID; nothing to stage");
                }
                return Staging.of(ConstraintStaging.checkNotValid(t, c, null, Step.Where.IN_BAND));
            }
            case FOREIGN_KEY -> {
                if (c.notValid()) {
                    return Staging.unsupported("the foreign key is already NOT VALID; nothing to stage");
                }
                if (c.name() == null || statement.operations().size() != 1) {
                    return Staging.unsupported("name the foreign key and add it in a statement of its own, so it can "
                            + "be added NOT VALID and validated separately: ALTER TABLE " + t + " ADD CONSTRAINT <name> "
                            + "FOREIGN KEY ... NOT VALID; then ALTER TABLE " + t + " VALIDATE CONSTRAINT <name>");
                }
                ConstraintDef notValid = new ConstraintDef(c.name(), c.kind(), c.columns(), true, null,
                        c.referencedTable(), c.referencedColumns(), null, true);
                // The statement as written keeps ON DELETE / ON UPDATE / MATCH / DEFERRABLE; NOT VALID ends it.
                String addSql = statement.sql().stripTrailing() + "\nNOT VALID";
                return Staging.of(ConstraintStaging.notValidThenValidate(t, c.name(), notValid, addSql,
                        "foreign key " + c.name(), Step.Where.IN_BAND));
            }
            case UNIQUE, PRIMARY_KEY -> {
                if (c.usingIndex() != null) {
                    return Staging.unsupported("the constraint already uses an existing index; nothing to stage");
                }
                if (c.columns().isEmpty()) {
                    return Staging.unsupported("the constraint's columns were not reported by the analyser");
                }
                List<StagedStep> steps = ConstraintStaging.uniqueUsingIndex(t, c, ctx);
                return steps == null ? Staging.unsupported(AddColumnStaging.PK_BEFORE_12) : Staging.of(steps);
            }
            default -> {
                return Staging.unsupported(c.kind() == ConstraintKind.EXCLUSION
                        ? "exclusion constraints cannot be NOT VALID; there is no online form"
                        : "no staged form for this constraint");
            }
        }
    }

    private Staging createIndex(Operation.CreateIndex idx, AnalyzedStatement statement, CheckContext ctx) {
        if (Predicates.hasConcurrentIndexBug(ctx.serverVersion())) {
            return Staging.unsupported("concurrent index builds can corrupt indexes on " + ctx.serverVersion()
                    + "; upgrade to 14.4 or later first");
        }
        if (statement.operations().size() != 1) {
            return Staging.unsupported("create the index in a statement of its own");
        }
        String name = idx.name() != null ? idx.name() : IndexStaging.derivedIndexName(idx);
        String sql = idx.concurrently() ? statement.sql() : IndexStaging.concurrentForm(statement.sql(), idx, name);
        if (sql == null) {
            return Staging.unsupported("the statement does not start with CREATE [UNIQUE] INDEX; add CONCURRENTLY by hand");
        }
        return Staging.of(List.of(IndexStaging.createConcurrently(idx.table(), name, idx.columns(), idx.unique(), sql)));
    }

    private Staging reindex(Operation.Reindex r, CheckContext ctx) {
        if (!ctx.serverVersion().atLeast(12, 0)) {
            return Staging.unsupported("REINDEX CONCURRENTLY needs PostgreSQL 12; build a new index concurrently "
                    + "and drop the old one instead");
        }
        if (Predicates.hasConcurrentIndexBug(ctx.serverVersion())) {
            return Staging.unsupported("concurrent index builds can corrupt indexes on " + ctx.serverVersion());
        }
        List<String> words = Predicates.words(r.target());
        if (words.size() != 2) {
            return Staging.unsupported("cannot tell what REINDEX " + r.target() + " names");
        }
        return Staging.of(List.of(PgSteps.background(new Operation.Reindex(r.table(), r.target(), true),
                "rebuild concurrently (writes continue); check for leftover invalid *_ccnew indexes afterwards",
                "REINDEX " + words.get(0).toUpperCase(java.util.Locale.ROOT) + " CONCURRENTLY " + words.get(1), true,
                reindexVerify(words.get(0), words.get(1)), null)));
    }

    /**
     * An interrupted REINDEX CONCURRENTLY leaves invalid {@code _ccnew} / {@code _ccold} indexes behind, so
     * success means no invalid index is left on what was rebuilt.
     */
    private static String reindexVerify(String kind, String name) {
        String invalid = "SELECT NOT EXISTS (SELECT 1 FROM pg_index WHERE NOT indisvalid";
        return switch (kind.toLowerCase(java.util.Locale.ROOT)) {
            case "index" -> "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(" + PgSql.literal(name) + ")";
            case "table" -> invalid + " AND indrelid = to_regclass(" + PgSql.literal(name) + "))";
            default -> invalid + ")";
        };
    }

    /** A PostgreSQL index name as DROP INDEX wants it: qualified with the table's schema when known. */
    private static String qualifiedName(TableRef t, String name) {
        if (name.contains(".") && !name.contains("\"")) {
            int dot = name.indexOf('.');
            return PgSql.ident(name.substring(0, dot)) + "." + PgSql.ident(name.substring(dot + 1));
        }
        return PgSql.qualifiedIndex(t, name);
    }
}
