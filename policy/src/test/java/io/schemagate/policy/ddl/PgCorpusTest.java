package io.schemagate.policy.ddl;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.sql.SqlLexer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every statement of the PostgreSQL corpus is analysed or UNKNOWN with a reason; nothing throws. */
class PgCorpusTest {

    @Test
    void corpusIsAnalysedOrUnknownWithReason() throws Exception {
        List<String> entries = CorpusSupport.entries("/corpus/pg.sql");
        Map<Integer, String> parserOk = CorpusSupport.meta("/corpus/pg.meta.tsv", 2);
        assertThat(entries).hasSize(192);
        StatementAnalyzer analyzer = Analyzers.forDialect(Dialect.POSTGRESQL, null);
        SqlLexer lexer = SqlLexer.forDialect(Dialect.POSTGRESQL);
        int parsed = 0;
        int understood = 0;
        List<String> report = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            List<AnalyzedStatement> statements = analyzer.analyze(entry);
            assertThat(statements).as(entry).isNotEmpty();
            boolean entryParsed = statements.stream().noneMatch(s -> s.statementClass() == StatementClass.UNKNOWN);
            boolean entryUnderstood = statements.stream().allMatch(AnalyzedStatement::fullyUnderstood);
            for (AnalyzedStatement s : statements) {
                if (s.statementClass() == StatementClass.UNKNOWN || s.statementClass() == StatementClass.OPAQUE) {
                    assertThat(s.unknownReason()).isNotBlank();
                }
                for (Operation op : s.operations()) {
                    if (op instanceof Operation.Unknown u) {
                        report.add(i + "\tUNKNOWN-OP\t" + u.reason() + "\t" + oneLine(entry));
                    }
                }
                if (s.statementClass() == StatementClass.UNKNOWN) {
                    report.add(i + "\tUNKNOWN\t" + s.unknownReason() + "\t" + oneLine(entry));
                }
            }
            if (entryParsed) {
                parsed++;
            }
            if (entryUnderstood) {
                understood++;
            }
            if (entryParsed != "True".equals(parserOk.get(i))) {
                disagreements.add(i + ": " + oneLine(entry));
            }
            // Every corpus entry is DDL, so the hot path must send each to the analyser.
            assertThat(lexer.mayContainDdl(entry)).as(entry).isTrue();
        }
        report.add(0, "parsed " + parsed + "/" + entries.size() + ", fully understood " + understood + "/" + entries.size());
        CorpusSupport.writeReport("pg.tsv", report);
        // Entry 117 fails in libpg_query but PostgreSQL 15 accepts it; the analyser works around it (see PgAnalyzer).
        assertThat(disagreements).as("entries whose parse result differs from the corpus meta").containsExactly(
                "117: " + oneLine(entries.get(117)));
        assertThat(parsed).isGreaterThanOrEqualTo(192);
        assertThat(understood).isGreaterThanOrEqualTo(192);
    }

    /** Cross-check two facts the staged rewrites depend on against the text (as the parser evaluation did). */
    @Test
    void notValidAndConcurrentlyFlagsMatchTheText() throws Exception {
        StatementAnalyzer analyzer = Analyzers.forDialect(Dialect.POSTGRESQL, null);
        int notValid = 0;
        int concurrently = 0;
        for (String entry : CorpusSupport.entries("/corpus/pg.sql")) {
            String upper = entry.toUpperCase(java.util.Locale.ROOT);
            List<Operation> ops = analyzer.analyze(entry).stream().flatMap(s -> s.operations().stream()).toList();
            if (upper.contains("NOT VALID")) {
                notValid++;
                assertThat(ops).as(entry).anySatisfy(op -> assertThat(
                        op instanceof Operation.AddConstraint a ? a.constraint().notValid()
                                : op instanceof Operation.DomainConstraint d ? d.constraint().notValid()
                                : op instanceof Operation.CreateTable t
                                && t.constraints().stream().anyMatch(ConstraintDef::notValid)).isTrue());
            }
            if (upper.matches("(?s)CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY.*")) {
                concurrently++;
                assertThat(ops).as(entry).singleElement()
                        .satisfies(op -> assertThat(((Operation.CreateIndex) op).concurrently()).isTrue());
            }
        }
        assertThat(notValid).isEqualTo(12);
        assertThat(concurrently).isEqualTo(6);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ");
    }
}
