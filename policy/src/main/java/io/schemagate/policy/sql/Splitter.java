package io.schemagate.policy.sql;

import io.schemagate.policy.Dialect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits one query string into {@link StatementSpan}s; one instance per call. */
final class Splitter implements SqlScanner.Blanks {

    private static final int MAX_KEYWORDS = 4;

    private final SqlScanner scanner;
    private final String sql;
    private final byte[] b;
    private final List<StatementSpan> spans = new ArrayList<>();
    /** Blanked ranges of the current statement, as (from, to) pairs. */
    private final List<int[]> blanks = new ArrayList<>();
    /** Start of the first executable comment opened before the statement's first token, or -1. */
    private int pendingStart = -1;
    private final RoutineBodies bodies;
    private int[] byteToChar;
    private int lineCountedTo;
    private int lineAtCounted = 1;

    Splitter(SqlScanner scanner, String sql) {
        this.scanner = scanner;
        this.sql = sql;
        this.b = sql.getBytes(StandardCharsets.UTF_8);
        this.bodies = new RoutineBodies(scanner.dialect() == Dialect.POSTGRESQL);
    }

    @Override
    public void blank(int from, int to, int kind) {
        blanks.add(new int[] {from, to});
        if (kind == SqlScanner.BLANK_EXEC_OPEN && pendingStart < 0) {
            pendingStart = from;
        }
    }

    List<StatementSpan> split() {
        int to = b.length;
        int p = 0;
        int start = -1;
        int lastEnd = -1;
        List<String> keywords = new ArrayList<>();
        boolean leading = true;
        String problem = null;
        while (true) {
            if (start < 0) {
                pendingStart = -1;
                blanks.clear();
            }
            int q = scanner.skipTrivia(b, p, to, false, this);
            if (q < 0) {
                problem = "unterminated comment";
                if (start < 0) {
                    start = p;
                }
                lastEnd = to;
                break;
            }
            p = q;
            if (p >= to) {
                break;
            }
            long token = scanner.token(b, p, to);
            int kind = SqlScanner.kind(token);
            int end = SqlScanner.end(token);
            if (kind == SqlScanner.SEMICOLON && !bodies.holdsSemicolon()) {
                bodies.reset();
                if (start >= 0) {
                    emit(start, p, keywords, null);
                }
                start = -1;
                keywords = new ArrayList<>();
                leading = true;
                p = end;
                continue;
            }
            if (start < 0) {
                start = pendingStart >= 0 ? pendingStart : p;
            }
            if (kind == SqlScanner.UNTERMINATED) {
                problem = describeUnterminated(b[p]);
                lastEnd = to;
                break;
            }
            if (kind == SqlScanner.WORD) {
                String word = new String(b, p, end - p, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
                bodies.word(word);
                if (leading && keywords.size() < MAX_KEYWORDS) {
                    keywords.add(word);
                } else {
                    leading = false;
                }
            } else {
                bodies.other();
                leading = false;
            }
            lastEnd = end;
            p = end;
        }
        if (start >= 0) {
            emit(start, Math.max(lastEnd, p), keywords, problem);
        }
        return spans;
    }

    private static String describeUnterminated(byte first) {
        return switch (first) {
            case '\'' -> "unterminated quoted string";
            case '"' -> "unterminated double-quoted string or identifier";
            case '`' -> "unterminated backtick-quoted identifier";
            case '$' -> "unterminated dollar-quoted string";
            default -> "unterminated quoted string";
        };
    }

    private void emit(int from, int to, List<String> keywords, String problem) {
        int end = to;
        while (end > from && (b[end - 1] & 0xff) <= ' ') {
            end--;
        }
        String text = text(from, end);
        String code = text;
        if (scanner.dialect() == Dialect.MYSQL && !blanks.isEmpty()) {
            byte[] copy = new byte[end - from];
            System.arraycopy(b, from, copy, 0, copy.length);
            for (int[] r : blanks) {
                for (int i = Math.max(r[0], from); i < Math.min(r[1], end); i++) {
                    copy[i - from] = ' ';
                }
            }
            code = new String(copy, StandardCharsets.UTF_8);
        }
        spans.add(new StatementSpan(text, code, charOffset(from), line(from), keywords, problem));
        blanks.clear();
        pendingStart = -1;
    }

    private String text(int from, int to) {
        return sql.substring(charOffset(from), charOffset(to));
    }

    /** Spans come in order, so lines are counted on from the previous span. */
    private int line(int byteOffset) {
        for (int i = lineCountedTo; i < byteOffset; i++) {
            if (b[i] == '\n') {
                lineAtCounted++;
            }
        }
        lineCountedTo = byteOffset;
        return lineAtCounted;
    }

    /** Maps a UTF-8 byte offset to a UTF-16 char offset in {@link #sql}. */
    private int charOffset(int byteOffset) {
        if (b.length == sql.length()) {
            return byteOffset; // all ASCII
        }
        if (byteToChar == null) {
            byteToChar = new int[b.length + 1];
            int c = 0;
            int i = 0;
            while (i < b.length) {
                int lead = b[i] & 0xff;
                int len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
                for (int k = 0; k < len && i + k < b.length; k++) {
                    byteToChar[i + k] = c;
                }
                i += len;
                c += len == 4 ? 2 : 1; // four-byte sequences are surrogate pairs in UTF-16
            }
            byteToChar[b.length] = c;
        }
        return byteToChar[byteOffset];
    }
}
