package io.schemagate.policy.sql;

/**
 * Whether a backslash in an ordinary quoted string escapes the next character. The server decides:
 * PostgreSQL by {@code standard_conforming_strings} (reported in ParameterStatus; on since 9.1, when it is
 * on a backslash is plain), MySQL by the {@code NO_BACKSLASH_ESCAPES} SQL mode (reported in the
 * SERVER_STATUS_NO_BACKSLASH_ESCAPES status flag; off by default, so backslash escapes).
 */
public enum BackslashMode {
    /** Backslash is an ordinary character (PostgreSQL default, MySQL NO_BACKSLASH_ESCAPES). */
    NEVER,
    /** Backslash escapes (MySQL default, PostgreSQL with standard_conforming_strings off). */
    ALWAYS,
    /**
     * Not known: strings are read by the dialect's default, and a string holding a backslash makes
     * {@link SqlLexer#mayContainDdl} answer true, since under the other setting the string could end
     * elsewhere and expose or hide a statement.
     */
    UNKNOWN
}
