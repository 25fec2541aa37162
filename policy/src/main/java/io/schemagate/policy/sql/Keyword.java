package io.schemagate.policy.sql;

import java.util.Locale;

/**
 * Packs a short ASCII word into a {@code long} (5 bits a letter, case folded) so the hot path can
 * compare the first word of a statement with keyword tables without allocating a String.
 * Words longer than {@link #MAX_LENGTH} letters, or containing a digit or a non-ASCII byte, have no
 * code ({@link #NONE}); no SQL keyword the lexer looks for is like that.
 */
public final class Keyword {

    /** The longest word that has a code: 12 letters of 5 bits fill 60 of the 64 bits. */
    public static final int MAX_LENGTH = 12;

    /** "No code": not a plain keyword-shaped word. */
    public static final long NONE = -1L;

    private Keyword() {
    }

    /** The code of {@code buf[from, to)}, or {@link #NONE}. */
    public static long encode(byte[] buf, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > MAX_LENGTH) {
            return NONE;
        }
        long code = 0;
        for (int i = from; i < to; i++) {
            int c = buf[i];
            int v;
            if (c >= 'a' && c <= 'z') {
                v = c - 'a' + 1;
            } else if (c >= 'A' && c <= 'Z') {
                v = c - 'A' + 1;
            } else if (c == '_') {
                v = 27;
            } else {
                return NONE;
            }
            code = (code << 5) | v;
        }
        return code;
    }

    /** The code of an ASCII keyword written in Java source. */
    public static long encode(String word) {
        byte[] b = word.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long code = encode(b, 0, b.length);
        if (code == NONE) {
            throw new IllegalArgumentException("'" + word + "' cannot be encoded as a keyword");
        }
        return code;
    }

    /** Sorted codes of {@code words}, for {@link #contains}. */
    static long[] table(String... words) {
        long[] codes = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            codes[i] = encode(words[i].toUpperCase(Locale.ROOT));
        }
        java.util.Arrays.sort(codes);
        return codes;
    }

    static boolean contains(long[] table, long code) {
        return code != NONE && java.util.Arrays.binarySearch(table, code) >= 0;
    }
}
