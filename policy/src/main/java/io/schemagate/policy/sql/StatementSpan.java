package io.schemagate.policy.sql;

import java.util.List;
import java.util.Objects;

/**
 * One statement found by {@link SqlLexer#split(String)}.
 *
 * @param sql      the statement's text as sent, from its first token (or the executable comment that
 *                 holds it) to just before its {@code ;}, trailing whitespace removed
 * @param code     what the server executes: {@code sql} with MySQL executable-comment markers
 *                 ({@code /*!50100}, the closing {@code *}{@code /}) and comments the server skips for
 *                 its version blanked out with spaces, so offsets stay the same; equal to {@code sql}
 *                 for PostgreSQL
 * @param offset   where {@code sql} starts in the split string, in chars
 * @param line     1-based line of that start
 * @param keywords the leading words of the statement, upper case ({@code [CREATE, UNIQUE, INDEX]}), at most four
 * @param problem  why the lexer could not fully read the statement (an unterminated quote or comment, an
 *                 executable comment it could not resolve), else null; such a statement is never safe
 */
public record StatementSpan(String sql, String code, int offset, int line, List<String> keywords, String problem) {
    public StatementSpan {
        Objects.requireNonNull(sql, "sql must not be null");
        Objects.requireNonNull(code, "code must not be null");
        keywords = List.copyOf(keywords);
    }

    /** The first keyword, upper case, or the empty string when the statement starts with something else. */
    public String firstKeyword() {
        return keywords.isEmpty() ? "" : keywords.get(0);
    }

    /** The {@code i}-th leading keyword (0-based), or the empty string. */
    public String keyword(int i) {
        return i < keywords.size() ? keywords.get(i) : "";
    }
}
