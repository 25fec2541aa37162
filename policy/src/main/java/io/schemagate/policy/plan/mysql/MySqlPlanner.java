package io.schemagate.policy.plan.mysql;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.check.mysql.MySqlFacts;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.OnlineDdlOptions;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.plan.Advice;
import io.schemagate.policy.plan.Planner;
import io.schemagate.policy.plan.Planning;
import io.schemagate.policy.plan.StagedPlans;
import io.schemagate.policy.plan.StagedStep;
import io.schemagate.policy.plan.Step;
import io.schemagate.policy.plan.mysql.MySqlAlgorithms.Algorithm;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The MySQL / MariaDB planner. Two shapes:
 * <ul>
 *   <li>a guard: the statement as written plus {@code ALGORITHM=INSTANT}, or {@code ALGORITHM=INPLACE,
 *       LOCK=NONE}, chosen from what every action in it allows;</li>
 *   <li>a staged column: an expression default or a NOT NULL that needs existing rows filled is split into
 *       a nullable INSTANT add, SET DEFAULT, a batched backfill and {@code MODIFY ... NOT NULL} with
 *       {@code ALGORITHM=INPLACE, LOCK=NONE} (the executor's connection runs with a strict sql_mode,
 *       without which NULLs would silently become zero values).</li>
 * </ul>
 * Every step sets {@code lock_wait_timeout} first and is retried on error 1205.
 */
public final class MySqlPlanner implements Planner {

    static final Duration LOCK_WAIT_TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_ATTEMPTS = 10;
    static final int BATCH_SIZE = 1000;

    @Override
    public Planning plan(AnalyzedStatement statement, CheckContext ctx) {
        if (statement.statementClass() != StatementClass.DDL || !statement.fullyUnderstood()
                || statement.operations().isEmpty()) {
            return new Planning.Unsupported("only fully analysed DDL can be staged");
        }
        List<Operation> ops = statement.operations();
        if (ops.size() == 1 && ops.get(0) instanceof Operation.AddColumn add
                && (MySqlFacts.isExpressionDefault(add.column().defaultValue()))) {
            return MySqlColumnStaging.addWithExpressionDefault(add, ctx);
        }
        if (ops.size() == 1 && ops.get(0) instanceof Operation.ModifyColumn m && m.definition().notNull()) {
            return MySqlColumnStaging.modifyNotNull(m, ctx);
        }
        return guard(statement, ctx);
    }

    private Planning guard(AnalyzedStatement statement, CheckContext ctx) {
        OnlineDdlOptions options = statement.onlineOptions();
        if (options.algorithm() != null || options.lock() != null) {
            return new Planning.Unsupported("the statement already carries ALGORITHM / LOCK clauses; remove them "
                    + "and let the planner choose, or use an online schema change tool");
        }
        Algorithm algorithm = Algorithm.INSTANT;
        for (Operation op : statement.operations()) {
            if (op instanceof Operation.AddColumn add && add.column().notNull() && !add.column().hasDefault()
                    && add.column().generated() == null && !add.column().identity()) {
                return new Planning.Unsupported("column " + add.column().name() + " is NOT NULL without a default; "
                        + "add it nullable (or with a literal default), backfill it, then MODIFY it NOT NULL");
            }
            Algorithm best = MySqlAlgorithms.best(op, statement, ctx);
            if (best == Algorithm.NONE) {
                return new Planning.Unsupported(Advice.noStagedForm(op, statement, ctx));
            }
            algorithm = MySqlAlgorithms.weaker(algorithm, best);
        }
        String first = Predicates.words(statement.sql().toLowerCase(Locale.ROOT)).stream().findFirst().orElse("");
        String guarded;
        if (first.equals("alter")) {
            guarded = statement.sql().stripTrailing() + "\n, " + algorithm.clause;
        } else if (first.equals("create") || first.equals("drop")) {
            // CREATE INDEX / DROP INDEX ... ON t take the clauses without commas.
            guarded = statement.sql().stripTrailing() + "\n" + algorithm.clause.replace(",", "");
        } else {
            return new Planning.Unsupported("only ALTER TABLE, CREATE INDEX and DROP INDEX take ALGORITHM clauses");
        }
        TableRef table = statement.operations().get(0).table();
        OnlineDdlOptions applied = algorithm == Algorithm.INSTANT ? new OnlineDdlOptions("INSTANT", null)
                : new OnlineDdlOptions("INPLACE", "NONE");
        Step step = new Step.Sql("run the statement with " + algorithm.clause + ": the server refuses rather than "
                + "copy the table with writes blocked", Step.Where.IN_BAND, guarded, false, LOCK_WAIT_TIMEOUT,
                MAX_ATTEMPTS, GuardEffects.verify(statement.operations()), GuardEffects.rollback(statement.operations()));
        return StagedPlans.assemble(Dialect.MYSQL, table, "guarded with " + algorithm.clause + ": "
                + statement.sql().strip(), List.of(List.of(new StagedStep(step, statement.operations(), applied))));
    }

    static StagedStep step(Operation op, Algorithm algorithm, String description, Step.Where where, String sql,
                           String verify, String rollback) {
        OnlineDdlOptions options = algorithm == Algorithm.INSTANT ? new OnlineDdlOptions("INSTANT", null)
                : new OnlineDdlOptions("INPLACE", "NONE");
        return new StagedStep(new Step.Sql(description, where, sql, false, LOCK_WAIT_TIMEOUT, MAX_ATTEMPTS, verify,
                rollback), List.of(op), options);
    }

    static StagedStep backfill(TableRef t, String column, String expression, CheckContext ctx) {
        return new StagedStep(new Step.Backfill("fill " + column + " of existing rows with " + expression
                + " in primary-key batches, each its own transaction, throttled by replica lag", t, column, expression,
                ctx.catalog().primaryKey(t).orElse(List.of()), BATCH_SIZE, MySqlSql.noNulls(t, column), null), null);
    }

    static ColumnDef nullableCopy(ColumnDef c) {
        return new ColumnDef(c.name(), c.type(), false, null, List.of(), null, false, c.charset());
    }

    static Planning.Staged assemble(TableRef t, String summary, List<StagedStep> steps) {
        return StagedPlans.assemble(Dialect.MYSQL, t, summary, List.of(steps));
    }
}
