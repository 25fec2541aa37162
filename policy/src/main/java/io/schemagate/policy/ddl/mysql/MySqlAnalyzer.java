package io.schemagate.policy.ddl.mysql;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlStatementParser;
import com.alibaba.druid.sql.parser.ParserException;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.OnlineDdlOptions;
import io.schemagate.policy.ddl.ParserStatus;
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
 * MySQL / MariaDB statements analysed with Druid's MySQL parser. The query string is split by
 * {@link SqlLexer}, which also resolves executable comments against the server version; Druid then
 * parses each statement's executable code. Thread-safe (a parser per statement).
 */
public final class MySqlAnalyzer implements StatementAnalyzer {

    private final SqlLexer lexer;
    private final ServerVersion version;
    private final BackslashMode backslashes;

    /**
     * @param backslashes the session's backslash handling: ALWAYS without NO_BACKSLASH_ESCAPES (the default
     *                    and Druid's own reading), NEVER with it, UNKNOWN when not known; unless ALWAYS, a
     *                    query whose tokens depend on it is UNKNOWN
     */
    public MySqlAnalyzer(ServerVersion version, BackslashMode backslashes) {
        this.version = Objects.requireNonNull(version, "version must not be null");
        this.backslashes = Objects.requireNonNull(backslashes, "backslashes must not be null");
        this.lexer = SqlLexer.forServer(version);
    }

    public MySqlAnalyzer(ServerVersion version) {
        this(version, BackslashMode.UNKNOWN);
    }

    /** Druid is a plain jar dependency, so it is always there. */
    public static ParserStatus status() {
        return ParserStatus.available("Druid MySQL parser");
    }

    @Override
    public List<AnalyzedStatement> analyze(String sql) {
        Objects.requireNonNull(sql, "sql must not be null");
        List<AnalyzedStatement> out = new ArrayList<>();
        List<StatementSpan> spans = lexer.split(sql);
        String ambiguity = backslashes == BackslashMode.ALWAYS ? null : BackslashReadings.disagreement(lexer, sql);
        for (StatementSpan span : spans) {
            out.add(ambiguity == null ? analyze(span) : statement(span, MySqlReading.unknown(ambiguity)));
        }
        return out;
    }

    private AnalyzedStatement analyze(StatementSpan span) {
        if (span.problem() != null) {
            return statement(span, MySqlReading.unknown("the SQL lexer could not read this statement: " + span.problem()));
        }
        List<SQLStatement> parsed;
        // Comments are blanked first so the parser sees exactly the code the lexer (which follows the
        // server's comment rules, e.g. "--" needs a following space) found.
        String code = lexer.blankComments(span.code());
        MariaDbConditionals conditionals = version.isMariaDb() ? MariaDbConditionals.strip(lexer, code) : null;
        try {
            parsed = new MySqlStatementParser(conditionals == null ? code : conditionals.code()).parseStatementList();
        } catch (ParserException e) {
            return statement(span, MySqlReading.unknown("the MySQL parser (Druid) rejects it: " + e.getMessage()));
        } catch (RuntimeException e) {
            return statement(span, MySqlReading.unknown("the MySQL parser (Druid) failed on it: " + e));
        }
        if (parsed.size() != 1) {
            return statement(span, MySqlReading.unknown("the lexer and the parser disagree on where this statement ends ("
                    + parsed.size() + " statements parsed)"));
        }
        try {
            MySqlReading reading = MySqlStatementReader.read(parsed.get(0), version);
            if (conditionals != null) {
                reading = new MySqlReading(reading.statementClass(), conditionals.restore(reading.operations()),
                        reading.online(), reading.reason());
            }
            return statement(span, reading);
        } catch (RuntimeException e) {
            // Fail closed: an analyser bug must not let a statement through as understood.
            return statement(span, MySqlReading.unknown("analysing the parse tree failed: " + e));
        }
    }

    private static AnalyzedStatement statement(StatementSpan span, MySqlReading r) {
        StatementClass c = r.statementClass();
        return new AnalyzedStatement(span.sql(), span.offset(), span.line(), Dialect.MYSQL, c, r.operations(),
                r.online() == null ? OnlineDdlOptions.NONE : r.online(), r.reason());
    }
}
