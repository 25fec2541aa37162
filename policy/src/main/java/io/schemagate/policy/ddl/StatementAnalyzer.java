package io.schemagate.policy.ddl;

import java.util.List;

/**
 * Turns a query string into analysed statements. One implementation per dialect: libpg_query for
 * PostgreSQL, Druid for MySQL. Implementations never throw on bad SQL: what they cannot read comes
 * back as {@link StatementClass#UNKNOWN} with a reason.
 */
public interface StatementAnalyzer {

    /** Splits {@code sql} into statements and analyses each. */
    List<AnalyzedStatement> analyze(String sql);
}
