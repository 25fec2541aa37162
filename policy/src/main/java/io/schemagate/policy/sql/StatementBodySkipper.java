package io.schemagate.policy.sql;

/**
 * The hot path's inner loop: once a statement's first keyword is known, skips to its end looking only at
 * the bytes that matter (quote and comment openers, the separator, and in watched PostgreSQL statements
 * the words INTO and CREATE), handing each such spot to {@link SqlScanner}.
 */
final class StatementBodySkipper {

    /** Bytes that may start a quote, a comment or a statement separator; everything else is skipped in bulk. */
    private static final boolean[] PG_SPECIAL = special("'\"$;-/");
    private static final boolean[] MYSQL_SPECIAL = special("'\"`;-/#*");
    /** PostgreSQL statements watched for INTO / CREATE also stop at the letters those words start with. */
    private static final boolean[] PG_WATCHED_SPECIAL = special("'\"$;-/IiCc");
    private static final long INTO = Keyword.encode("INTO");
    private static final long CREATE = Keyword.encode("CREATE");
    /** Returned (negated kinds are negative too) when a watched statement turns out to make a table. */
    static final int MAKES_TABLE = -3;
    private static final long INSERT = Keyword.encode("INSERT");

    private final SqlScanner scanner;

    StatementBodySkipper(SqlScanner scanner) {
        this.scanner = scanner;
    }

    private static boolean[] special(String chars) {
        boolean[] t = new boolean[256];
        for (char ch : chars.toCharArray()) {
            t[ch] = true;
        }
        return t;
    }

    /**
     * Skips the rest of a statement whose words no longer matter, from {@code p} to its top-level {@code ;}
     * (returned, pointing at it) or {@code to}. Only bytes that can open a quote or comment are looked at;
     * the context a lexer would know from the previous token is recovered by looking back: a {@code $}
     * directly after an identifier byte continues the identifier ({@code a$b$}), and {@code E'} after a
     * non-identifier byte opens an escape string. Returns a negative number (an unterminated or ambiguous
     * token, or {@link #MAKES_TABLE}) when the caller must answer "may contain DDL".
     */
    int skip(byte[] b, int p, int to, int bufferStart, boolean watched) {
        boolean pg = scanner.isPostgres();
        boolean[] special = !pg ? MYSQL_SPECIAL : watched ? PG_WATCHED_SPECIAL : PG_SPECIAL;
        while (p < to) {
            int c = b[p] & 0xff;
            if (!special[c]) {
                p++;
                continue;
            }
            switch (c) {
                case ';':
                    return p;
                case '-', '/', '#', '*': {
                    int q = scanner.skipTrivia(b, p, to, true, null);
                    if (q < 0) {
                        return q;
                    }
                    p = q == p ? p + 1 : q;
                    continue;
                }
                case '$': {
                    if (p > bufferStart && SqlScanner.IDENT_PART[b[p - 1] & 0xff]) {
                        int w = p - 1;
                        while (w > bufferStart && SqlScanner.IDENT_PART[b[w - 1] & 0xff]) {
                            w--;
                        }
                        if (b[w] >= '0' && b[w] <= '9') {
                            return SqlScanner.UNTERMINATED; // "1$x$": number or identifier? Not worth deciding here.
                        }
                        p++;
                        continue;
                    }
                    break;
                }
                case 'I', 'i', 'C', 'c': {
                    if (p > bufferStart && SqlScanner.IDENT_PART[b[p - 1] & 0xff]) {
                        p++; // not the start of a word
                        continue;
                    }
                    int e = p + 1;
                    while (e < to && SqlScanner.IDENT_PART[b[e] & 0xff]) {
                        e++;
                    }
                    long code = Keyword.encode(b, p, e);
                    if (code == CREATE || (code == INTO && !followsInsert(b, p, bufferStart))) {
                        return MAKES_TABLE;
                    }
                    p = e;
                    continue;
                }
                default:
                    break;
            }
            int start = p;
            if (pg && c == '\'' && p - 1 >= bufferStart && (b[p - 1] == 'E' || b[p - 1] == 'e')
                    && (p - 2 < bufferStart || !SqlScanner.IDENT_PART[b[p - 2] & 0xff])) {
                start = p - 1;
            }
            long t = scanner.token(b, start, to);
            int kind = SqlScanner.kind(t);
            if (kind == SqlScanner.UNTERMINATED || kind == SqlScanner.AMBIGUOUS_QUOTED) {
                return kind == SqlScanner.UNTERMINATED ? SqlScanner.UNTERMINATED : -SqlScanner.AMBIGUOUS_QUOTED;
            }
            p = SqlScanner.end(t);
        }
        return to;
    }

    /**
     * True when the word ending just before {@code p} (whitespace between, nothing else) is INSERT: a
     * data-modifying CTE's {@code INSERT INTO}. Anything else before an INTO (a comment, MERGE) reads as
     * SELECT ... INTO, which fails closed.
     */
    private static boolean followsInsert(byte[] b, int p, int bufferStart) {
        int i = p - 1;
        while (i >= bufferStart && (b[i] & 0xff) <= ' ') {
            i--;
        }
        int end = i + 1;
        while (i >= bufferStart && SqlScanner.IDENT_PART[b[i] & 0xff]) {
            i--;
        }
        return Keyword.encode(b, i + 1, end) == INSERT;
    }
}
