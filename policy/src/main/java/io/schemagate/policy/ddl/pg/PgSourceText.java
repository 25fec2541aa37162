package io.schemagate.policy.ddl.pg;

import io.schemagate.policy.sql.SqlLexer;
import io.schemagate.policy.sql.SqlTokenCursor;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Cuts expressions' text out of the statement, so the planner can reuse them verbatim. libpg_query's
 * JSON gives start locations (byte offsets) but no ends, so the end is found by lexing on from the
 * start: an expression ends at a comma, semicolon or unmatched closing parenthesis at its own level,
 * or at a keyword that starts the next clause.
 */
final class PgSourceText {

    /** Words that end a column DEFAULT expression: the next column constraint or clause. */
    static final Set<String> AFTER_DEFAULT = Set.of("NOT", "NULL", "CONSTRAINT", "CHECK", "DEFAULT", "PRIMARY",
            "UNIQUE", "REFERENCES", "COLLATE", "GENERATED", "DEFERRABLE", "INITIALLY", "ADD", "ALTER", "DROP");
    static final Set<String> NONE = Set.of();

    private final SqlLexer lexer;
    private final byte[] utf8;

    PgSourceText(SqlLexer lexer, String sql) {
        this.lexer = lexer;
        this.utf8 = sql.getBytes(StandardCharsets.UTF_8);
    }

    /** Text of the expression starting at byte {@code start}, ending as described above; null when start is unknown. */
    String expressionAt(int start, Set<String> stopWords) {
        if (start < 0 || start >= utf8.length) {
            return null;
        }
        SqlTokenCursor c = lexer.tokens(utf8, start, utf8.length);
        int depth = 0;
        int last = start;
        loop:
        while (true) {
            switch (c.next()) {
                case END, ERROR, SEMICOLON -> {
                    break loop;
                }
                case OPEN_PAREN -> depth++;
                case CLOSE_PAREN -> {
                    if (--depth < 0) {
                        break loop;
                    }
                }
                case COMMA -> {
                    if (depth == 0) {
                        break loop;
                    }
                }
                case WORD -> {
                    if (depth == 0 && last > start && stopWords.contains(c.text().toUpperCase(java.util.Locale.ROOT))) {
                        break loop;
                    }
                }
                default -> {
                }
            }
            last = c.end();
        }
        return new String(utf8, start, last - start, StandardCharsets.UTF_8);
    }

    /**
     * Text of an expression whose smallest parse-tree location is {@code minLocation}. The tree does not
     * locate opening parentheses, so parentheses that directly enclose the expression found from there
     * are taken in, pair by pair. Not for list elements, whose list's own parentheses would be taken too.
     */
    String expressionAround(int minLocation, Set<String> stopWords) {
        String inner = expressionAt(minLocation, stopWords);
        if (inner == null) {
            return null;
        }
        int start = minLocation;
        int end = minLocation + inner.getBytes(StandardCharsets.UTF_8).length;
        while (true) {
            int before = start - 1;
            while (before >= 0 && (utf8[before] & 0xff) <= ' ') {
                before--;
            }
            int after = end;
            while (after < utf8.length && (utf8[after] & 0xff) <= ' ') {
                after++;
            }
            if (before < 0 || after >= utf8.length || utf8[before] != '(' || utf8[after] != ')') {
                break;
            }
            start = before;
            end = after + 1;
        }
        return new String(utf8, start, end - start, StandardCharsets.UTF_8);
    }

    /** The text inside the first parenthesis pair at or after byte {@code from}, or null. */
    String parenthesisedAfter(int from) {
        if (from < 0 || from >= utf8.length) {
            return null;
        }
        SqlTokenCursor c = lexer.tokens(utf8, from, utf8.length);
        while (true) {
            SqlTokenCursor.Kind k = c.next();
            if (k == SqlTokenCursor.Kind.END || k == SqlTokenCursor.Kind.ERROR) {
                return null;
            }
            if (k == SqlTokenCursor.Kind.OPEN_PAREN) {
                break;
            }
        }
        int innerStart = c.end();
        int depth = 1;
        while (true) {
            SqlTokenCursor.Kind k = c.next();
            if (k == SqlTokenCursor.Kind.END || k == SqlTokenCursor.Kind.ERROR) {
                return null;
            }
            if (k == SqlTokenCursor.Kind.OPEN_PAREN) {
                depth++;
            } else if (k == SqlTokenCursor.Kind.CLOSE_PAREN && --depth == 0) {
                return new String(utf8, innerStart, c.start() - innerStart, StandardCharsets.UTF_8).trim();
            }
        }
    }

    /** Byte offset of the first token at or after {@code from}, skipping the keyword {@code word} if it is there. */
    int afterKeyword(int from, String word) {
        if (from < 0 || from >= utf8.length) {
            return -1;
        }
        SqlTokenCursor c = lexer.tokens(utf8, from, utf8.length);
        c.next();
        if (c.isWord(word)) {
            c.next();
        }
        return c.kind() == SqlTokenCursor.Kind.END ? -1 : c.start();
    }
}
