package io.schemagate.policy.check;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Analyzers;
import io.schemagate.policy.plan.Planner;
import io.schemagate.policy.plan.Planning;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Robustness over the shared DDL corpus (192 PostgreSQL and 139 MySQL statements from real projects and
 * regression suites): every statement is judged and, where it has findings, planned or refused with a
 * reason, without any check or the planner throwing; every finding carries a message and help.
 */
class CorpusChecksTest {

    @ParameterizedTest(name = "{0} corpus on {1}")
    @CsvSource({"postgresql, /corpus/pg.sql, 15", "postgresql, /corpus/pg.sql, 10",
            "mysql, /corpus/mysql.sql, 8.0.30", "mysql, /corpus/mysql.sql, 10.11.6-MariaDB"})
    void everyStatementIsJudgedAndPlannedOrRefused(String dialectName, String resource, String versionText)
            throws IOException {
        Dialect dialect = Dialect.fromName(dialectName);
        ServerVersion version = ServerVersion.parse(dialect, versionText);
        String corpus;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(resource), resource)) {
            corpus = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<AnalyzedStatement> statements = new ArrayList<>();
        for (String entry : corpus.strip().split("\n\n")) {
            statements.addAll(Analyzers.forDialect(dialect, version).analyze(entry));
        }
        assertThat(statements).hasSizeGreaterThan(100);
        CheckRunner runner = CheckRunner.forDialect(dialect);
        Planner planner = Planner.forDialect(dialect);
        int withFindings = 0;
        int planned = 0;
        for (AnalyzedStatement s : statements) {
            CheckContext ctx = CheckContext.standalone(version, Catalog.NONE);
            List<Finding> findings = runner.check(s, ctx);
            for (Finding f : findings) {
                assertThat(f.message()).isNotBlank();
                assertThat(f.help()).as("help of %s", f.checkId()).isNotBlank();
            }
            if (!findings.isEmpty()) {
                withFindings++;
                Planning p = planner.plan(s, ctx);
                if (p instanceof Planning.Unsupported u) {
                    assertThat(u.reason()).isNotBlank();
                } else {
                    planned++;
                }
            }
        }
        assertThat(withFindings).isPositive();
        assertThat(planned).isPositive();
    }
}
