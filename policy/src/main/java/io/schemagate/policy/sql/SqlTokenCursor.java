package io.schemagate.policy.sql;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Walks the tokens of a UTF-8 buffer with a lexer's rules, skipping whitespace and comments. Used off
 * the hot path, e.g. to cut an expression's source text out of a statement at a parser's location.
 * Executable-comment content counts as code; unresolvable executable comments are treated as code.
 */
public final class SqlTokenCursor {

    /** Token kinds. */
    public enum Kind { WORD, SEMICOLON, OPEN_PAREN, CLOSE_PAREN, COMMA, QUOTED, OTHER, END, ERROR }

    private final SqlScanner scanner;
    private final byte[] buf;
    private final int to;
    private int pos;
    private int start;
    private int end;
    private Kind kind;

    SqlTokenCursor(SqlScanner scanner, byte[] buf, int from, int to) {
        this.scanner = scanner;
        this.buf = buf;
        this.pos = from;
        this.to = to;
    }

    /** Advances to the next token and returns its kind; {@link Kind#END} at the end, {@link Kind#ERROR} on an unterminated token. */
    public Kind next() {
        if (kind == Kind.END || kind == Kind.ERROR) {
            return kind;
        }
        int p = scanner.skipTrivia(buf, pos, to, false, null);
        if (p < 0) {
            return kind = Kind.ERROR;
        }
        if (p >= to) {
            start = end = to;
            return kind = Kind.END;
        }
        long t = scanner.token(buf, p, to);
        start = p;
        end = SqlScanner.end(t);
        pos = end;
        kind = switch (SqlScanner.kind(t)) {
            case SqlScanner.WORD -> Kind.WORD;
            case SqlScanner.SEMICOLON -> Kind.SEMICOLON;
            case SqlScanner.OPEN_PAREN -> Kind.OPEN_PAREN;
            case SqlScanner.CLOSE_PAREN -> Kind.CLOSE_PAREN;
            case SqlScanner.COMMA -> Kind.COMMA;
            case SqlScanner.QUOTED, SqlScanner.AMBIGUOUS_QUOTED -> Kind.QUOTED;
            case SqlScanner.OTHER -> Kind.OTHER;
            default -> Kind.ERROR;
        };
        return kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Byte offset of the current token. */
    public int start() {
        return start;
    }

    /** Byte offset just after the current token. */
    public int end() {
        return end;
    }

    /** The current token's text. */
    public String text() {
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    /** True when the current token is the word {@code upperCaseWord}, in any case. */
    public boolean isWord(String upperCaseWord) {
        return kind == Kind.WORD && end - start == upperCaseWord.length()
                && text().toUpperCase(Locale.ROOT).equals(upperCaseWord);
    }
}
