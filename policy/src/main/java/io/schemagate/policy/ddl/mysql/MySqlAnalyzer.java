package io.schemagate.policy.ddl.mysql;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.OnlineDdlOptions;
import io.schemagate.policy.ddl.ParserStatus;
import io.schemagate.policy.ddl.StatementAnalyzer;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.sql.SqlLexer;
import io.schemagate.policy.sql.StatementSpan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** MySQL / MariaDB statements analysed with Druid's MySQL parser. Thread-safe. */
public final class MySqlAnalyzer implements StatementAnalyzer {

    private final SqlLexer lexer;
    private final ServerVersion version;

    public MySqlAnalyzer(ServerVersion version) {
        this.version = Objects.requireNonNull(version, "version must not be null");
        this.lexer = SqlLexer.forServer(version);
    }

    public static ParserStatus status() {
        return ParserStatus.available("Druid MySQL parser");
    }

    @Override
    public List<AnalyzedStatement> analyze(String sql) {
        List<AnalyzedStatement> out = new ArrayList<>();
        for (StatementSpan span : lexer.split(sql)) {
            out.add(new AnalyzedStatement(span.sql(), span.offset(), span.line(), Dialect.MYSQL, StatementClass.UNKNOWN,
                    List.of(), OnlineDdlOptions.NONE, "MySQL analysis is not implemented yet"));
        }
        return out;
    }
}
