package io.schemagate.policy.plan;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.check.Catalog;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.CheckRunner;
import io.schemagate.policy.check.Contexts;
import io.schemagate.policy.check.Ddl;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Analyzers;
import io.schemagate.policy.ddl.ColumnPosition;
import io.schemagate.policy.ddl.OnlineDdlOptions;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.Volatility;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static io.schemagate.policy.check.Ddl.addColumn;
import static io.schemagate.policy.check.Ddl.column;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MySQL plans, fed back through the checks through the typed view of each step (the statement each
 * step runs, with its ALGORITHM / LOCK options). The executor's connection runs with a strict sql_mode.
 */
class MySqlPlannerTest {

    static final Catalog STRICT = new Catalog() {
        @Override
        public Optional<String> mysqlSqlMode() {
            return Optional.of("STRICT_TRANS_TABLES");
        }

        @Override
        public Optional<String> columnType(TableRef table, String column) {
            return Optional.of(column.equals("name") ? "varchar(20)" : column.equals("status") ? "enum('a','b')" : "int");
        }
    };

    private static Planning.Staged staged(AnalyzedStatement st, ServerVersion v) {
        Planning p = Planner.forDialect(Dialect.MYSQL).plan(st, Contexts.of(v, STRICT));
        assertThat(p).as("planning of %s", st).isInstanceOf(Planning.Staged.class);
        return (Planning.Staged) p;
    }

    static void assertClean(Planning.Staged staged, ServerVersion v) {
        List<AnalyzedStatement> typed = staged.stepStatements().stream().filter(Objects::nonNull).toList();
        var session = new CheckRunner.Session(v, STRICT, false, true);
        for (CheckRunner.Result r : CheckRunner.forDialect(Dialect.MYSQL).run(typed, session)) {
            assertThat(r.findings()).as("step %s", r.statement().sql()).extracting(Finding::checkId).isEmpty();
        }
        // The same through the real MySQL analyser: each step's SQL parses to the operations and
        // ALGORITHM / LOCK options the planner says it has, and the checks find nothing.
        var analyzer = Analyzers.forDialect(Dialect.MYSQL, v);
        List<AnalyzedStatement> reparsed = typed.stream().map(t -> {
            List<AnalyzedStatement> one = analyzer.analyze(t.sql());
            assertThat(one).as("one statement: %s", t.sql()).hasSize(1);
            assertThat(one.get(0).fullyUnderstood()).as("understood: %s", one.get(0)).isTrue();
            assertThat(one.get(0).onlineOptions()).isEqualTo(t.onlineOptions());
            assertThat(one.get(0).operations()).extracting(o -> o.kind())
                    .isEqualTo(t.operations().stream().map(o -> o.kind()).toList());
            return one.get(0);
        }).toList();
        for (CheckRunner.Result r : CheckRunner.forDialect(Dialect.MYSQL).run(reparsed, session)) {
            assertThat(r.findings()).as("re-analysed step %s", r.statement().sql()).extracting(Finding::checkId)
                    .isEmpty();
        }
        for (Step step : staged.plan().steps()) {
            assertThat(step.verifySql()).as("verification of %s", step.description()).isNotBlank();
            if (step instanceof Step.Sql s) {
                assertThat(s.lockTimeout()).isNotNull();
                assertThat(s.maxAttempts()).isGreaterThan(1);
            }
        }
    }

    private static AnalyzedStatement alter(String sql, Operation... ops) {
        return Ddl.stmt(Dialect.MYSQL, OnlineDdlOptions.NONE, sql, ops);
    }

    @Test
    void plainAddColumnGetsAnInstantGuard() {
        var v = Contexts.mysql("8.4.3");
        var st = alter("ALTER TABLE accounts ADD COLUMN note varchar(20)", addColumn(column("note", "varchar(20)")));
        assertThat(CheckRunner.forDialect(Dialect.MYSQL).check(st, Contexts.of(v))).extracting(Finding::checkId)
                .containsExactly("mysql-no-algorithm-guard");
        var plan = staged(st, v);
        assertThat(((Step.Sql) plan.plan().steps().get(0)).sql())
                .isEqualTo("ALTER TABLE accounts ADD COLUMN note varchar(20)\n, ALGORITHM=INSTANT");
        assertClean(plan, v);
    }

    @Test
    void positionedAddBefore8029AndTheRedoBugVersionsFallBackToInplace() {
        var after = new ColumnPosition(ColumnPosition.Kind.AFTER, "id");
        for (String version : List.of("8.0.28", "8.0.30")) {
            var v = Contexts.mysql(version);
            var st = alter("ALTER TABLE accounts ADD COLUMN note int AFTER id", addColumn(column("note", "int"), after));
            var plan = staged(st, v);
            assertThat(((Step.Sql) plan.plan().steps().get(0)).sql()).endsWith("ALGORITHM=INPLACE, LOCK=NONE");
            assertClean(plan, v);
        }
    }

    @Test
    void createIndexGetsAnInplaceGuardWithoutCommas() {
        var v = Contexts.mariadb("10.11.6");
        var st = alter("CREATE INDEX accounts_email_idx ON accounts (email)", Ddl.createIndex("accounts_email_idx",
                false, "email"));
        var plan = staged(st, v);
        assertThat(((Step.Sql) plan.plan().steps().get(0)).sql())
                .isEqualTo("CREATE INDEX accounts_email_idx ON accounts (email)\nALGORITHM=INPLACE LOCK=NONE");
        assertClean(plan, v);
    }

    @Test
    void expressionDefaultIsStaged() {
        var v = Contexts.mysql("8.0.35");
        var st = alter("ALTER TABLE accounts ADD COLUMN uid char(36) NOT NULL DEFAULT (uuid())",
                addColumn(column("uid", "char(36)", true, Ddl.call("uuid()", Volatility.VOLATILE, "uuid"))));
        var plan = staged(st, v);
        List<Step> steps = plan.plan().steps();
        assertThat(steps).hasSize(4);
        assertThat(((Step.Sql) steps.get(0)).sql())
                .isEqualTo("ALTER TABLE accounts ADD COLUMN uid char(36) NULL, ALGORITHM=INSTANT");
        assertThat(steps.get(0).where()).isEqualTo(Step.Where.IN_BAND);
        assertThat(((Step.Sql) steps.get(1)).sql())
                .isEqualTo("ALTER TABLE accounts ALTER COLUMN uid SET DEFAULT (uuid()), ALGORITHM=INSTANT");
        assertThat(steps.get(2)).isInstanceOf(Step.Backfill.class);
        assertThat(((Step.Sql) steps.get(3)).sql()).isEqualTo(
                "ALTER TABLE accounts MODIFY COLUMN uid char(36) NOT NULL DEFAULT (uuid()), ALGORITHM=INPLACE, LOCK=NONE");
        assertThat(steps.get(3).rollbackSql()).contains("MODIFY COLUMN uid char(36) NULL");
        assertClean(plan, v);
    }

    @Test
    void notNullIsStagedWithABackfillWhenADefaultIsGiven() {
        var v = Contexts.mysql("8.4.3");
        var def = new io.schemagate.policy.ddl.ColumnDef("n", "int", true, Ddl.literal("0"), List.of(), null, false, null);
        var st = alter("ALTER TABLE accounts MODIFY n int NOT NULL DEFAULT 0",
                new Operation.ModifyColumn(Ddl.T, "n", def, ColumnPosition.DEFAULT));
        var plan = staged(st, v);
        assertThat(plan.plan().steps()).hasSize(2);
        assertThat(plan.plan().steps().get(0)).isInstanceOf(Step.Backfill.class);
        assertThat(((Step.Sql) plan.plan().steps().get(1)).sql())
                .isEqualTo("ALTER TABLE accounts MODIFY COLUMN n int NOT NULL DEFAULT 0, ALGORITHM=INPLACE, LOCK=NONE");
        assertClean(plan, v);
    }

    @Test
    void unsafeShapesWithoutAnOnlinePathAreRefusedWithAReason() {
        var v = Contexts.mysql("8.4.3");
        var required = alter("ALTER TABLE accounts ADD COLUMN n int NOT NULL", addColumn(column("n", "int", true, null)));
        var fulltext = alter("CREATE FULLTEXT INDEX ft ON accounts (body)",
                new Operation.CreateIndex(Ddl.T, "ft", List.of("body"), false, false, false, "fulltext", false));
        var typeChange = alter("ALTER TABLE accounts MODIFY n bigint NOT NULL", Ddl.modify("n", "bigint", true));
        CheckContext ctx = Contexts.of(v, STRICT);
        for (AnalyzedStatement st : List.of(required, fulltext, typeChange)) {
            assertThat(Planner.forDialect(Dialect.MYSQL).plan(st, ctx)).isInstanceOf(Planning.Unsupported.class);
        }
        var fk = alter("ALTER TABLE accounts ADD CONSTRAINT fk FOREIGN KEY (o) REFERENCES owners (id)",
                Ddl.addConstraint(Ddl.foreignKey("fk", "o", false)));
        assertThat(((Planning.Unsupported) Planner.forDialect(Dialect.MYSQL).plan(fk, ctx)).reason())
                .contains("mysql-foreign-key", "foreign_key_checks");
        var rename = Ddl.pg(new Operation.RenameColumn(Ddl.T, "a", "b"));
        assertThat(((Planning.Unsupported) Planner.forDialect(Dialect.POSTGRESQL).plan(rename,
                CheckContext.standalone(Contexts.pg("15"), Catalog.NONE))).reason())
                .contains("renaming-column", "Expand and contract");
    }
}
