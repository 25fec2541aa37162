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
     * semicolon allowed, the name bare or quoted), else null. The text of an executable comment
     * ({@code /*!...*}{@code /}, {@code /*M!...*}{@code /}) is read as the server runs it, as code; when
     * that gives no USE it is read once more as a comment, which is what a server older than the
     * comment's version does (and then a USE outside the comment is what runs).
     */
    public static String database(String sql) {
        String asCode = database(sql, true);
        return asCode != null ? asCode : database(sql, false);
    }

    private static String database(String sql, boolean executableAsCode) {
        int at = skipTrivia(sql, 0, executableAsCode);
        if (!sql.regionMatches(true, at, "use", 0, 3)) {
            return null;
        }
        at += 3;
        int afterKeyword = at;
        at = skipTrivia(sql, at, executableAsCode);
        if (at == afterKeyword && at < sql.length() && sql.charAt(at) != '`' && sql.charAt(at) != '"') {
            return null;  // USEFUL, USER...: not the keyword
        }
        String name;
        if (at < sql.length() && (sql.charAt(at) == '`' || sql.charAt(at) == '"')) {
            // Backticks, or double quotes under ANSI_QUOTES (without it the server refuses the statement).
            char quote = sql.charAt(at);
            StringBuilder quoted = new StringBuilder();
            int i = at + 1;
            while (true) {
                if (i >= sql.length()) {
                    return null;
                }
                char c = sql.charAt(i);
                if (c == quote) {
                    if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                        quoted.append(quote);
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
        at = skipTrivia(sql, at, executableAsCode);
        if (at < sql.length() && sql.charAt(at) == ';') {
            at = skipTrivia(sql, at + 1, executableAsCode);
        }
        return name.isEmpty() || at < sql.length() ? null : name;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || c == '$' || Character.isLetterOrDigit(c) || c >= 0x80;
    }

    /**
     * Skips whitespace and comments as MySQL does: {@code /* *}{@code /}, {@code #}, and {@code --}
     * followed by whitespace, a control character or the end. An executable comment is skipped whole
     * when read as a comment; read as code, only its opening (with the version digits) and its closing
     * are skipped.
     */
    private static int skipTrivia(String sql, int at, boolean executableAsCode) {
        int n = sql.length();
        while (at < n) {
            char c = sql.charAt(at);
            if (c <= ' ') {
                at++;
            } else if (executableAsCode && c == '*' && at + 1 < n && sql.charAt(at + 1) == '/') {
                at += 2;
            } else if (c == '/' && at + 1 < n && sql.charAt(at + 1) == '*') {
                int marker = sql.startsWith("!", at + 2) ? 3 : sql.startsWith("M!", at + 2) ? 4 : 0;
                if (marker > 0 && executableAsCode) {
                    at += marker;
                    while (at < n && Character.isDigit(sql.charAt(at))) {
                        at++;
                    }
                    continue;
                }
                int end = sql.indexOf("*/", at + 2);
                at = end < 0 ? n : end + 2;
            } else if (c == '#' || (c == '-' && sql.startsWith("--", at) && (at + 2 == n || sql.charAt(at + 2) <= ' '))) {
                int end = sql.indexOf('\n', at);
                at = end < 0 ? n : end + 1;
            } else {
                break;
            }
        }
        return at;
    }
}
