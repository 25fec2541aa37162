package io.schemagate.policy.sql;

import io.schemagate.policy.Dialect;

/**
 * The byte-level token rules of one dialect. Stateless apart from its configuration, so one instance
 * serves every connection. Methods answer positions packed with a token kind into a {@code long}
 * (kind in the high half, end offset in the low half) so the hot path allocates nothing.
 *
 * <p>Working on UTF-8 bytes is safe: every byte of a multi-byte character is {@code >= 0x80}, so none
 * can be mistaken for a quote, a comment marker or a separator; such bytes count as identifier bytes,
 * as they do in both servers' lexers.
 */
final class SqlScanner {

    static final int WORD = 1;
    static final int SEMICOLON = 2;
    static final int OPEN_PAREN = 3;
    static final int CLOSE_PAREN = 4;
    static final int QUOTED = 5;
    static final int OTHER = 6;
    static final int COMMA = 7;
    /** A string whose extent depends on backslash handling the lexer was not told (see {@link BackslashMode#UNKNOWN}). */
    static final int AMBIGUOUS_QUOTED = 8;
    /** An unterminated quote, dollar quote or comment. */
    static final int UNTERMINATED = -1;
    /** A MySQL executable comment whose version test the lexer cannot decide. */
    static final int AMBIGUOUS_COMMENT = -2;

    /** Blanked range kinds reported to {@link Blanks}. */
    static final int BLANK_EXEC_OPEN = 1;
    static final int BLANK_EXEC_CLOSE = 2;
    static final int BLANK_SKIPPED_COMMENT = 3;

    /** Receives ranges of MySQL executable-comment syntax that is not code for this server. */
    interface Blanks {
        void blank(int from, int to, int kind);
    }

    private final Dialect dialect;
    private final boolean pg;
    private final BackslashMode backslash;
    /** MySQL server version as the number executable comments compare with (80032, 101106), or -1. */
    private final int serverVersion;
    /** True for MariaDB, false for MySQL, null when the lexer was not told. */
    private final Boolean mariaDb;

    SqlScanner(Dialect dialect, BackslashMode backslash, int serverVersion, Boolean mariaDb) {
        this.dialect = dialect;
        this.pg = dialect == Dialect.POSTGRESQL;
        this.backslash = backslash;
        this.serverVersion = serverVersion;
        this.mariaDb = mariaDb;
    }

    Dialect dialect() {
        return dialect;
    }

    BackslashMode backslashMode() {
        return backslash;
    }

    boolean isPostgres() {
        return pg;
    }

    SqlScanner withBackslash(BackslashMode mode) {
        return new SqlScanner(dialect, mode, serverVersion, mariaDb);
    }

    static int kind(long token) {
        return (int) (token >> 32);
    }

    static int end(long token) {
        return (int) token;
    }

    private static long pack(int kind, int end) {
        return ((long) kind << 32) | (end & 0xffffffffL);
    }

    /**
     * Skips whitespace and comments from {@code p}. Returns the position of the next token (or {@code to}),
     * {@link #UNTERMINATED} for an unterminated comment, or, when {@code strict}, {@link #AMBIGUOUS_COMMENT}
     * for an executable comment whose version test is unknown. When not strict such a comment's content is
     * taken as code (the server most likely to run it) and {@code blanks}, when given, hears about it.
     */
    int skipTrivia(byte[] b, int p, int to, boolean strict, Blanks blanks) {
        while (p < to) {
            int c = b[p] & 0xff;
            if (c <= ' ') {
                p++;
            } else if (c == '-' && p + 1 < to && b[p + 1] == '-') {
                // MySQL needs whitespace or a control character after "--" (MySQL manual, "Comment Syntax");
                // "--1" is minus minus one there, and treating it as a comment would hide what follows.
                if (pg || p + 2 >= to || (b[p + 2] & 0xff) <= ' ') {
                    p = lineEnd(b, p + 2, to);
                } else {
                    return p;
                }
            } else if (c == '#' && !pg) {
                p = lineEnd(b, p + 1, to);
            } else if (c == '/' && p + 1 < to && b[p + 1] == '*') {
                p = pg ? pgBlockCommentEnd(b, p, to) : mysqlComment(b, p, to, strict, blanks);
                if (p < 0) {
                    return p;
                }
            } else if (c == '*' && !pg && p + 1 < to && b[p + 1] == '/') {
                // The end of an executable comment whose content was taken as code.
                if (blanks != null) {
                    blanks.blank(p, p + 2, BLANK_EXEC_CLOSE);
                }
                p += 2;
            } else {
                return p;
            }
        }
        return to;
    }

    private static int lineEnd(byte[] b, int p, int to) {
        while (p < to && b[p] != '\n') {
            p++;
        }
        return p;
    }

    /** PostgreSQL block comments nest (scan.l, xcstart / xcinside). */
    private static int pgBlockCommentEnd(byte[] b, int p, int to) {
        int depth = 0;
        while (p + 1 < to) {
            if (b[p] == '/' && b[p + 1] == '*') {
                depth++;
                p += 2;
            } else if (b[p] == '*' && b[p + 1] == '/') {
                depth--;
                p += 2;
                if (depth == 0) {
                    return p;
                }
            } else {
                p++;
            }
        }
        return UNTERMINATED;
    }

    /**
     * MySQL comments do not nest. {@code /*!} and {@code /*!NNNNN} (MySQL: the content runs when the server
     * version is at least NNNNN) and MariaDB's {@code /*M!NNNNNN} make their content code; the comment
     * markers are then skipped and the content lexed as tokens.
     */
    private int mysqlComment(byte[] b, int p, int to, boolean strict, Blanks blanks) {
        int q = p + 2;
        boolean mariaOnly = false;
        if (q + 1 < to && b[q] == 'M' && b[q + 1] == '!') {
            mariaOnly = true;
            q++;
        }
        if (q < to && b[q] == '!') {
            q++;
            int d = q;
            while (d < to && b[d] >= '0' && b[d] <= '9') {
                d++;
            }
            int digits = d - q;
            Boolean runs = execCommentRuns(b, q, digits, mariaOnly);
            if (runs == null) {
                if (strict) {
                    return AMBIGUOUS_COMMENT;
                }
                runs = Boolean.TRUE;
            }
            if (runs) {
                if (blanks != null) {
                    blanks.blank(p, d, BLANK_EXEC_OPEN);
                }
                return d;
            }
        }
        int end = indexOfCommentEnd(b, p + 2, to);
        if (end < 0) {
            return UNTERMINATED;
        }
        if (blanks != null && (mariaOnly || (p + 2 < to && b[p + 2] == '!'))) {
            blanks.blank(p, end, BLANK_SKIPPED_COMMENT);
        }
        return end;
    }

    /** TRUE / FALSE when the server will / will not run the comment's content, null when unknown. */
    private Boolean execCommentRuns(byte[] b, int q, int digits, boolean mariaOnly) {
        if (mariaOnly && mariaDb != null && !mariaDb) {
            return Boolean.FALSE; // MySQL treats /*M! as an ordinary comment
        }
        if (mariaOnly && mariaDb == null) {
            return null;
        }
        if (digits == 0) {
            return Boolean.TRUE;
        }
        // MySQL reads exactly five digits, MariaDB's /*M! six; other counts we do not try to interpret.
        if (digits != (mariaOnly ? 6 : 5) || serverVersion < 0) {
            return null;
        }
        int v = 0;
        for (int i = q; i < q + digits; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v <= serverVersion;
    }

    private static int indexOfCommentEnd(byte[] b, int p, int to) {
        for (int i = p; i + 1 < to; i++) {
            if (b[i] == '*' && b[i + 1] == '/') {
                return i + 2;
            }
        }
        return UNTERMINATED;
    }

    /** Identifier bytes (letters, digits, _, $, and every byte of a multi-byte UTF-8 character). */
    static final boolean[] IDENT_PART = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            IDENT_PART[c] = isIdentPart(c);
        }
    }

    /** Reads the token at {@code p} (which is not trivia). */
    long token(byte[] b, int p, int to) {
        int c = b[p] & 0xff;
        switch (c) {
            case ';':
                return pack(SEMICOLON, p + 1);
            case '(':
                return pack(OPEN_PAREN, p + 1);
            case ')':
                return pack(CLOSE_PAREN, p + 1);
            case ',':
                return pack(COMMA, p + 1);
            case '\'':
                return quoted(b, p, to, (byte) '\'', pg ? pgPlainStrings() : mysqlStrings());
            case '"':
                // PostgreSQL: a quoted identifier, "" escapes a quote. MySQL: a string (or, with ANSI_QUOTES,
                // an identifier); either way its extent follows the string rules.
                return pg ? quoted(b, p, to, (byte) '"', BackslashMode.NEVER) : quoted(b, p, to, (byte) '"', mysqlStrings());
            case '`':
                return pg ? pack(OTHER, p + 1) : quoted(b, p, to, (byte) '`', BackslashMode.NEVER);
            case '$':
                if (pg) {
                    return dollar(b, p, to);
                }
                break;
            default:
                break;
        }
        if (isIdentStart(c) || c == '$') {
            int end = p + 1;
            while (end < to && IDENT_PART[b[end] & 0xff]) {
                end++;
            }
            // PostgreSQL E'...' strings always treat backslash as an escape (scan.l, xestart).
            if (pg && end - p == 1 && (c == 'E' || c == 'e') && end < to && b[end] == '\'') {
                return quoted(b, end, to, (byte) '\'', BackslashMode.ALWAYS);
            }
            return pack(WORD, end);
        }
        if (c >= '0' && c <= '9') {
            // Numbers (with exponents, hex, junk the server will reject). In PostgreSQL "$" cannot continue
            // one: "1$b$...$b$" is 1 followed by a dollar quote (scan.l). MySQL has no dollar quotes.
            int end = p + 1;
            while (end < to && ((IDENT_PART[b[end] & 0xff] && !(pg && b[end] == '$')) || b[end] == '.')) {
                end++;
            }
            return pack(OTHER, end);
        }
        return pack(OTHER, p + 1);
    }

    private BackslashMode pgPlainStrings() {
        return backslash;
    }

    private BackslashMode mysqlStrings() {
        return backslash;
    }

    /**
     * A quoted run closed by {@code q}; a doubled {@code q} is an escaped quote. With {@link BackslashMode#UNKNOWN}
     * the string is read by the dialect's default (PostgreSQL standard_conforming_strings on: backslash is
     * plain; MySQL without NO_BACKSLASH_ESCAPES: backslash escapes) and reported as ambiguous when it holds
     * a backslash, because the other reading may end it elsewhere.
     */
    private long quoted(byte[] b, int p, int to, byte q, BackslashMode mode) {
        boolean escapes = mode == BackslashMode.ALWAYS || (mode == BackslashMode.UNKNOWN && !pg);
        boolean sawBackslash = false;
        int i = p + 1;
        while (i < to) {
            byte x = b[i];
            if (x == '\\') {
                sawBackslash = true;
                if (escapes) {
                    i += 2;
                    continue;
                }
            } else if (x == q) {
                if (i + 1 < to && b[i + 1] == q) {
                    i += 2;
                    continue;
                }
                return pack(sawBackslash && mode == BackslashMode.UNKNOWN ? AMBIGUOUS_QUOTED : QUOTED, i + 1);
            }
            i++;
        }
        return pack(UNTERMINATED, to);
    }

    /** {@code $1} is a parameter; {@code $$ ... $$} and {@code $tag$ ... $tag$} are dollar-quoted strings. */
    private static long dollar(byte[] b, int p, int to) {
        int i = p + 1;
        if (i < to && b[i] >= '0' && b[i] <= '9') {
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            return pack(OTHER, i);
        }
        while (i < to && isTagChar(b[i] & 0xff, i == p + 1)) {
            i++;
        }
        if (i >= to || b[i] != '$') {
            return pack(OTHER, p + 1);
        }
        int tagLen = i + 1 - p;
        for (int j = i + 1; j + tagLen <= to; j++) {
            if (b[j] == '$' && regionEquals(b, j, p, tagLen)) {
                return pack(QUOTED, j + tagLen);
            }
        }
        return pack(UNTERMINATED, to);
    }

    private static boolean regionEquals(byte[] b, int i, int j, int len) {
        for (int k = 0; k < len; k++) {
            if (b[i + k] != b[j + k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTagChar(int c, boolean first) {
        return isIdentStart(c) || (!first && c >= '0' && c <= '9');
    }

    static boolean isIdentStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentPart(int c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
    }
}
