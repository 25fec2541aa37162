package io.schemagate.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stable identity for a statement's text, used to match a retried statement to its approved change
 * request and to group statements in the audit log. Runs of white space and comments outside quoted
 * text are folded to one space and a trailing semicolon is dropped, so reformatting a statement keeps
 * its fingerprint; anything inside quotes (string literals, quoted identifiers, dollar-quoted bodies)
 * counts byte for byte, so two statements that do different things never share one.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** {@code sha256:<hex>} of the normalised statement. */
    public static String of(String sql) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalise(sql).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The text the fingerprint is taken of. */
    public static String normalise(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        boolean pendingSpace = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                pendingSpace = true;
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                pendingSpace = true;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*' && !(i + 2 < n && sql.charAt(i + 2) == '!')) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                pendingSpace = true;
            } else {
                if (pendingSpace && out.length() > 0) {
                    out.append(' ');
                }
                pendingSpace = false;
                int end = quotedEnd(sql, i);
                out.append(sql, i, end);
                i = end;
            }
        }
        int len = out.length();
        while (len > 0 && (out.charAt(len - 1) == ';' || out.charAt(len - 1) == ' ')) {
            len--;
        }
        return out.substring(0, len);
    }

    /** End (exclusive) of the token starting at {@code i}: a whole quoted run, or one character. */
    private static int quotedEnd(String s, int i) {
        char c = s.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            int j = i + 1;
            while (j < s.length()) {
                char d = s.charAt(j);
                if (d == '\\' && c == '\'') {
                    j += 2;
                    continue;
                }
                if (d == c) {
                    if (j + 1 < s.length() && s.charAt(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return s.length();
        }
        if (c == '$') {
            int tagEnd = s.indexOf('$', i + 1);
            if (tagEnd > i && s.substring(i + 1, tagEnd).chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
                String tag = s.substring(i, tagEnd + 1);
                int close = s.indexOf(tag, tagEnd + 1);
                return close < 0 ? s.length() : close + tag.length();
            }
        }
        return i + 1;
    }
}
