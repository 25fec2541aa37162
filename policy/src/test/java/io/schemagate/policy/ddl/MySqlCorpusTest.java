package io.schemagate.policy.ddl;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.sql.SqlLexer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every statement of the MySQL corpus is analysed or UNKNOWN with a reason; nothing throws. */
class MySqlCorpusTest {

    @Test
    void corpusIsAnalysedOrUnknownWithReason() throws Exception {
        List<String> entries = CorpusSupport.entries("/corpus/mysql.sql");
        assertThat(entries).hasSize(139);
        // The corpus is written for servers with default settings.
        StatementAnalyzer analyzer = Analyzers.forDialect(Dialect.MYSQL, ServerVersion.parse(Dialect.MYSQL, "8.0.36"),
                Analyzers.defaultBackslashMode(Dialect.MYSQL));
        SqlLexer lexer = SqlLexer.forDialect(Dialect.MYSQL);
        int parsed = 0;
        int understood = 0;
        List<String> report = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            List<AnalyzedStatement> statements = analyzer.analyze(entry);
            assertThat(statements).as(entry).isNotEmpty();
            if (statements.stream().noneMatch(s -> s.statementClass() == StatementClass.UNKNOWN)) {
                parsed++;
            }
            if (statements.stream().allMatch(AnalyzedStatement::fullyUnderstood)) {
                understood++;
            }
            for (AnalyzedStatement s : statements) {
                if (s.statementClass() == StatementClass.UNKNOWN || s.statementClass() == StatementClass.OPAQUE) {
                    assertThat(s.unknownReason()).isNotBlank();
                    report.add(i + "\t" + s.statementClass() + "\t" + s.unknownReason() + "\t" + oneLine(entry));
                }
                for (Operation op : s.operations()) {
                    if (op instanceof Operation.Unknown u) {
                        report.add(i + "\tUNKNOWN-OP\t" + u.reason() + "\t" + oneLine(entry));
                    }
                }
            }
            assertThat(lexer.mayContainDdl(entry)).as(entry).isTrue();
        }
        report.add(0, "parsed " + parsed + "/" + entries.size() + ", fully understood " + understood + "/" + entries.size());
        CorpusSupport.writeReport("mysql.tsv", report);
        assertThat(parsed).isGreaterThanOrEqualTo(134);
        assertThat(understood).isGreaterThanOrEqualTo(129);
    }

    /** ALGORITHM= and LOCK= as read by the analyser match the text for every statement that parsed. */
    @Test
    void algorithmAndLockMatchTheText() throws Exception {
        StatementAnalyzer analyzer = Analyzers.forDialect(Dialect.MYSQL, ServerVersion.parse(Dialect.MYSQL, "10.11.6-MariaDB"),
                Analyzers.defaultBackslashMode(Dialect.MYSQL));
        java.util.regex.Pattern algorithm = java.util.regex.Pattern.compile("(?i)ALGORITHM\\s*=?\\s*([A-Z]+)");
        java.util.regex.Pattern lock = java.util.regex.Pattern.compile("(?i)LOCK\\s*=\\s*([A-Z]+)");
        int algorithms = 0;
        int locks = 0;
        for (String entry : CorpusSupport.entries("/corpus/mysql.sql")) {
            String code = entry.replaceAll("--[ \\t].*", "");
            for (AnalyzedStatement s : analyzer.analyze(code)) {
                if (s.statementClass() != StatementClass.DDL) {
                    continue;
                }
                var a = algorithm.matcher(s.sql());
                if (a.find()) {
                    algorithms++;
                    assertThat(s.onlineOptions().algorithm()).as(s.sql()).isEqualToIgnoringCase(a.group(1));
                }
                var l = lock.matcher(s.sql());
                if (l.find()) {
                    locks++;
                    assertThat(s.onlineOptions().lock()).as(s.sql()).isEqualToIgnoringCase(l.group(1));
                }
            }
        }
        assertThat(algorithms).isGreaterThanOrEqualTo(45);
        assertThat(locks).isGreaterThanOrEqualTo(24);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ");
    }
}
