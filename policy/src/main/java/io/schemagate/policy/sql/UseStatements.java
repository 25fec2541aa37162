package io.schemagate.policy.sql;

/**
 * Reads the database a MySQL {@code USE db} statement switches to, so that the statements after it are
 * judged in that database: {@code USE shop; DROP TABLE orders} drops {@code shop.orders} whatever the
 * session's database was before.
 */
public final class UseStatements {

    private UseStatements() {
    }

    /**
     * The database named by {@code sql} when it is one MySQL USE statement (comments and a final
     * semicolon allowed, the name bare or in backticks), else null.
     */
    public static String database(String sql) {
        int at = skipTrivia(sql, 0);
        if (!sql.regionMatches(true, at, "use", 0, 3)) {
            return null;
        }
        at += 3;
        int afterKeyword = at;
        at = skipTrivia(sql, at);
        if (at == afterKeyword && at < sql.length() && sql.charAt(at) != '`') {
            return null;  // USEFUL, USER...: not the keyword
        }
        String name;
        if (at < sql.length() && sql.charAt(at) == '`') {
            StringBuilder quoted = new StringBuilder();
            int i = at + 1;
            while (true) {
                if (i >= sql.length()) {
                    return null;
                }
                char c = sql.charAt(i);
                if (c == '`') {
                    if (i + 1 < sql.length() && sql.charAt(i + 1) == '`') {
                        quoted.append('`');
                        i += 2;
                        continue;
                    }
                    break;
                }
                quoted.append(c);
                i++;
            }
            name = quoted.toString();
            at = i + 1;
        } else {
            int start = at;
            while (at < sql.length() && isNameChar(sql.charAt(at))) {
                at++;
            }
            name = sql.substring(start, at);
        }
        at = skipTrivia(sql, at);
        if (at < sql.length() && sql.charAt(at) == ';') {
            at = skipTrivia(sql, at + 1);
        }
        return name.isEmpty() || at < sql.length() ? null : name;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || c == '$' || Character.isLetterOrDigit(c) || c >= 0x80;
    }

    /** Skips whitespace and comments ({@code /* *}{@code /}, {@code -- }, {@code #}). */
    private static int skipTrivia(String sql, int at) {
        int n = sql.length();
        while (at < n) {
            char c = sql.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
            } else if (c == '/' && at + 1 < n && sql.charAt(at + 1) == '*') {
                int end = sql.indexOf("*/", at + 2);
                at = end < 0 ? n : end + 2;
            } else if (c == '#' || (c == '-' && sql.startsWith("-- ", at)) || (c == '-' && sql.startsWith("--", at) && at + 2 == n)) {
                int end = sql.indexOf('\n', at);
                at = end < 0 ? n : end + 1;
            } else {
                break;
            }
        }
        return at;
    }
}
