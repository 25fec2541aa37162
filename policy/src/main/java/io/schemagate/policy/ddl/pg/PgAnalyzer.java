package io.schemagate.policy.ddl.pg;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.LeadingKeywords;
import io.schemagate.policy.ddl.OnlineDdlOptions;
import io.schemagate.policy.ddl.StatementAnalyzer;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.sql.BackslashMode;
import io.schemagate.policy.sql.BackslashReadings;
import io.schemagate.policy.sql.SqlLexer;
import io.schemagate.policy.sql.StatementSpan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * PostgreSQL statements analysed with libpg_query (the PostgreSQL 15 grammar). The query string is split
 * by {@link SqlLexer} and each statement parsed on its own, so offsets, lines and error positions are the
 * statement's. Thread-safe.
 */
public final class PgAnalyzer implements StatementAnalyzer {

    private final SqlLexer lexer;
    private final PgQueryLibrary library;
    private final ServerVersion version;
    private final BackslashMode backslashes;

    /**
     * @param backslashes the session's {@code standard_conforming_strings}: NEVER when on (the default and
     *                    libpg_query's own reading), ALWAYS when off, UNKNOWN when not known; unless NEVER, a
     *                    query whose tokens depend on it is UNKNOWN
     */
    public PgAnalyzer(ServerVersion version, PgQueryLibrary library, BackslashMode backslashes) {
        this.version = Objects.requireNonNull(version, "version must not be null");
        this.library = Objects.requireNonNull(library, "library must not be null");
        this.backslashes = Objects.requireNonNull(backslashes, "backslashes must not be null");
        this.lexer = SqlLexer.forServer(version);
    }

    public PgAnalyzer(ServerVersion version, PgQueryLibrary library) {
        this(version, library, BackslashMode.UNKNOWN);
    }

    @Override
    public List<AnalyzedStatement> analyze(String sql) {
        Objects.requireNonNull(sql, "sql must not be null");
        List<AnalyzedStatement> out = new ArrayList<>();
        List<StatementSpan> spans = lexer.split(sql);
        String ambiguity = backslashes == BackslashMode.NEVER ? null : BackslashReadings.disagreement(lexer, sql);
        for (StatementSpan span : spans) {
            out.add(ambiguity == null ? analyze(span) : unknown(span, ambiguity));
        }
        return out;
    }

    private AnalyzedStatement analyze(StatementSpan span) {
        if (span.problem() != null) {
            return unknown(span, "the SQL lexer could not read this statement: " + span.problem());
        }
        if (!library.status().available()) {
            StatementClass byKeyword = LeadingKeywords.classify(Dialect.POSTGRESQL, span);
            if (byKeyword != null && byKeyword != StatementClass.OPAQUE) {
                return statement(span, new PgReading(byKeyword, List.of(), null));
            }
            return unknown(span, library.status().message());
        }
        try {
            PgParseResult parsed = library.parse(span.sql());
            if (!parsed.ok()) {
                // libpg_query 15-4.0 rejects a comment inside a two-token lookahead such as
                // "NULLS /* c */ LAST", which the PostgreSQL 15 server accepts; comments carry no meaning
                // in PostgreSQL, so parse again without them (same offsets).
                String blanked = lexer.blankComments(span.sql());
                if (!blanked.equals(span.sql())) {
                    PgParseResult retry = library.parse(blanked);
                    if (retry.ok()) {
                        parsed = retry;
                    }
                }
            }
            if (!parsed.ok()) {
                return unknown(span, "PostgreSQL " + grammar() + " grammar (libpg_query) rejects it: " + parsed.error()
                        + (parsed.cursorPosition() > 0 ? " at byte " + parsed.cursorPosition() : ""));
            }
            JsonNode stmts = parsed.tree().get("stmts");
            if (stmts == null || stmts.size() != 1) {
                return unknown(span, "the lexer and libpg_query disagree on where this statement ends ("
                        + (stmts == null ? 0 : stmts.size()) + " statements parsed)");
            }
            PgReading reading = PgStatementReader.read(stmts.get(0).get("stmt"), new PgSourceText(lexer, span.sql()));
            return statement(span, reading);
        } catch (RuntimeException e) {
            // Fail closed: an analyser bug must not let a statement through as understood.
            return unknown(span, "analysing the parse tree failed: " + e);
        }
    }

    private String grammar() {
        return "15";
    }

    private static AnalyzedStatement statement(StatementSpan span, PgReading r) {
        return new AnalyzedStatement(span.sql(), span.offset(), span.line(), Dialect.POSTGRESQL, r.statementClass(),
                r.operations(), OnlineDdlOptions.NONE, r.reason());
    }

    private static AnalyzedStatement unknown(StatementSpan span, String reason) {
        return new AnalyzedStatement(span.sql(), span.offset(), span.line(), Dialect.POSTGRESQL,
                StatementClass.UNKNOWN, List.of(), OnlineDdlOptions.NONE, reason);
    }

    /** The server this analyser judges for. */
    public ServerVersion version() {
        return version;
    }
}
