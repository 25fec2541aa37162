package io.schemagate.policy.sql;

import java.nio.charset.StandardCharsets;

/**
 * Whether a query string reads the same whichever way the server treats backslashes in ordinary strings
 * (PostgreSQL {@code standard_conforming_strings}, MySQL {@code NO_BACKSLASH_ESCAPES}). The parsers read
 * one way only (libpg_query: standard_conforming_strings on; Druid: backslash escapes), so when the
 * session's setting is unknown or differs from the parser's, a query whose tokens would fall differently
 * under the other reading (a string ending elsewhere can hide a whole statement or clause) cannot be
 * judged from its text.
 */
public final class BackslashReadings {

    private BackslashReadings() {
    }

    /**
     * Null when {@code sql} has the same tokens under both readings (always so without a backslash), else
     * a reason to give for every statement of the query.
     */
    public static String disagreement(SqlLexer lexer, String sql) {
        if (sql.indexOf('\\') < 0) {
            return null;
        }
        byte[] b = sql.getBytes(StandardCharsets.UTF_8);
        SqlTokenCursor escapes = lexer.withBackslashMode(BackslashMode.ALWAYS).tokens(b, 0, b.length);
        SqlTokenCursor plain = lexer.withBackslashMode(BackslashMode.NEVER).tokens(b, 0, b.length);
        while (true) {
            SqlTokenCursor.Kind a = escapes.next();
            SqlTokenCursor.Kind p = plain.next();
            if (a != p || escapes.start() != plain.start() || escapes.end() != plain.end()) {
                return "backslashes in its strings make this query read differently depending on the session's "
                        + "backslash handling (PostgreSQL standard_conforming_strings, MySQL NO_BACKSLASH_ESCAPES), "
                        + "which the analyser was not told, so it cannot be judged from its text; write such strings "
                        + "without backslashes (in PostgreSQL as E'' strings)";
            }
            if (a == SqlTokenCursor.Kind.END || a == SqlTokenCursor.Kind.ERROR) {
                return null;
            }
        }
    }
}
