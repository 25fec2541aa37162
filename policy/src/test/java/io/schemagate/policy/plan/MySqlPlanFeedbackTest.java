package io.schemagate.policy.plan;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.CheckRunner;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Analyzers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** MySQL / MariaDB statements as written, across versions: unsafe in, planned, clean out (or refused with a reason). */
class MySqlPlanFeedbackTest {

    static Stream<Arguments> unsafeStatements() {
        List<String> statements = List.of(
                "ALTER TABLE accounts ADD COLUMN note varchar(20)",
                "ALTER TABLE accounts ADD COLUMN note varchar(20) NOT NULL DEFAULT '' AFTER id",
                "ALTER TABLE accounts ADD COLUMN at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP",
                "ALTER TABLE accounts ADD COLUMN uid char(36) NOT NULL DEFAULT (uuid())",
                "ALTER TABLE accounts MODIFY n int NOT NULL DEFAULT 0",
                "ALTER TABLE accounts ADD INDEX accounts_email_idx (email)",
                "CREATE UNIQUE INDEX accounts_email_idx ON accounts (email)",
                "ALTER TABLE accounts DROP INDEX accounts_email_idx",
                "DROP INDEX accounts_email_idx ON accounts",
                "ALTER TABLE accounts ADD COLUMN a int, ADD COLUMN b int",
                "ALTER TABLE accounts MODIFY name varchar(60)",
                "ALTER TABLE accounts MODIFY status enum('a','b','c') NULL");
        List<Arguments> out = new ArrayList<>();
        for (String version : List.of("8.0.11", "8.0.28", "8.0.30", "8.4.3", "10.3.39-MariaDB", "10.11.6-MariaDB")) {
            for (String sql : statements) {
                out.add(Arguments.of(version, sql));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("unsafeStatements")
    void planComesOutClean(String versionText, String sql) {
        ServerVersion version = ServerVersion.parse(Dialect.MYSQL, versionText);
        List<AnalyzedStatement> input = Analyzers.forDialect(Dialect.MYSQL, version).analyze(sql);
        assertThat(input).hasSize(1);
        assertThat(input.get(0).fullyUnderstood()).as("analysed: %s", input.get(0)).isTrue();
        CheckContext ctx = new CheckContext(version, MySqlPlannerTest.STRICT, false, java.util.Set.of(), true);
        assertThat(CheckRunner.forDialect(Dialect.MYSQL).check(input.get(0), ctx)).as("the input is unsafe").isNotEmpty();
        Planning planning = Planner.forDialect(Dialect.MYSQL).plan(input.get(0), ctx);
        assertThat(planning).as("plan for %s", sql).isInstanceOf(Planning.Staged.class);
        MySqlPlannerTest.assertClean((Planning.Staged) planning, version);
    }
}
