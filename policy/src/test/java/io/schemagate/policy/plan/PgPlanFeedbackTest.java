package io.schemagate.policy.plan;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.check.Catalog;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.CheckRunner;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Analyzers;
import io.schemagate.policy.ddl.StatementClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every plan is fed back through the analyser and the checks and must come out clean (squawk's rule
 * for its fixes): the unsafe statement is analysed, judged unsafe, planned, and each step's SQL is
 * analysed again and checked as one batch, in order, the way the executor runs it.
 */
class PgPlanFeedbackTest {

    static Stream<Arguments> unsafeStatements() {
        List<String> statements = List.of(
                "ALTER TABLE accounts ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid()",
                "ALTER TABLE accounts ADD COLUMN score integer NOT NULL DEFAULT 0 CHECK (score >= 0)",
                "ALTER TABLE accounts ADD COLUMN email text UNIQUE",
                "ALTER TABLE accounts ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp()",
                "ALTER TABLE \"Accounts\" ADD COLUMN \"Select\" int DEFAULT random()",
                "ALTER TABLE accounts ALTER COLUMN email SET NOT NULL",
                "ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id) "
                        + "ON DELETE CASCADE",
                "ALTER TABLE app.accounts ADD CONSTRAINT positive_n CHECK (n > 0)",
                "ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email)",
                "CREATE INDEX ON accounts (lower(email)) WHERE deleted_at IS NULL",
                "CREATE UNIQUE INDEX accounts_email_idx ON accounts USING btree (email) INCLUDE (name)",
                "DROP INDEX app.accounts_email_idx",
                "REINDEX TABLE accounts",
                "ALTER TABLE events DETACH PARTITION events_2020");
        List<Arguments> out = new ArrayList<>();
        for (String version : List.of("10", "11", "12", "15")) {
            for (String sql : statements) {
                out.add(Arguments.of(version, sql));
            }
        }
        out.add(Arguments.of("15", "ALTER TABLE accounts ADD COLUMN ext_id uuid DEFAULT gen_random_uuid() PRIMARY KEY"));
        out.add(Arguments.of("15", "ALTER TABLE accounts ADD PRIMARY KEY (id)"));
        out.add(Arguments.of("15", "ALTER TABLE accounts ADD COLUMN seq bigserial"));
        out.add(Arguments.of("11", "ALTER TABLE app.accounts ADD COLUMN seq serial UNIQUE"));
        out.add(Arguments.of("15", "ALTER TABLE accounts ADD COLUMN id2 bigserial PRIMARY KEY"));
        return out.stream();
    }

    @ParameterizedTest(name = "PG {0}: {1}")
    @MethodSource("unsafeStatements")
    void planComesOutClean(String versionText, String sql) {
        ServerVersion version = ServerVersion.parse(Dialect.POSTGRESQL, versionText);
        var analyzer = Analyzers.forDialect(Dialect.POSTGRESQL, version);
        List<AnalyzedStatement> input = analyzer.analyze(sql);
        assertThat(input).hasSize(1);
        AnalyzedStatement statement = input.get(0);
        assertThat(statement.fullyUnderstood()).as("analysed: %s", statement).isTrue();
        CheckContext ctx = CheckContext.standalone(version, Catalog.NONE);
        assertThat(CheckRunner.forDialect(Dialect.POSTGRESQL).check(statement, ctx)).as("the input is unsafe").isNotEmpty();

        Planning planning = Planner.forDialect(Dialect.POSTGRESQL).plan(statement, ctx);
        if (planning instanceof Planning.Unsupported u) {
            // Only the version gates may refuse, and they must say why.
            assertThat(u.reason()).containsAnyOf("PostgreSQL 12", "PostgreSQL 14");
            return;
        }
        Plan plan = ((Planning.Staged) planning).plan();
        assertThat(plan.steps()).isNotEmpty();
        List<AnalyzedStatement> steps = new ArrayList<>();
        for (Step step : plan.steps()) {
            assertThat(step.verifySql()).as("verification of %s", step.description()).isNotBlank();
            if (step instanceof Step.Sql s) {
                assertThat(s.lockTimeout()).isNotNull();
                assertThat(s.maxAttempts()).isGreaterThan(1);
                List<AnalyzedStatement> analysed = analyzer.analyze(s.sql());
                assertThat(analysed).as("one statement per step: %s", s.sql()).hasSize(1);
                assertThat(analysed.get(0).statementClass()).isEqualTo(StatementClass.DDL);
                assertThat(analysed.get(0).fullyUnderstood()).as("re-analysed: %s", analysed.get(0)).isTrue();
                steps.add(analysed.get(0));
            }
        }
        var session = new CheckRunner.Session(version, Catalog.NONE, false, true);
        for (CheckRunner.Result r : CheckRunner.forDialect(Dialect.POSTGRESQL).run(steps, session)) {
            assertThat(r.findings()).as("step %s", r.statement().sql()).extracting(Finding::checkId).isEmpty();
        }
        // The typed view the planner gives of its steps says the same as the analyser.
        var typed = ((Planning.Staged) planning).stepStatements().stream().filter(s -> s != null).toList();
        assertThat(typed).hasSameSizeAs(steps);
        for (int i = 0; i < typed.size(); i++) {
            assertThat(typed.get(i).operations()).extracting(o -> o.kind())
                    .isEqualTo(steps.get(i).operations().stream().map(o -> o.kind()).toList());
        }
    }
}
