package io.schemagate.mysql.relay;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The statement that leaves a gateway notice in the session as a MySQL warning: MySQL and MariaDB
 * accept {@code SIGNAL SQLSTATE '01000'} as a statement of its own (MySQL's test suite runs it at top
 * level; MariaDB documents it), whose OK packet then carries a warning count of 1 and whose condition
 * {@code SHOW WARNINGS} lists, until the client's next statement clears it.
 *
 * <p>The text goes as a hex literal with a {@code _utf8mb4} introducer, so no quote, backslash,
 * {@code NO_BACKSLASH_ESCAPES} or connection character set can change what it says. MySQL keeps at
 * most 128 characters of MESSAGE_TEXT (and adds a truncation warning beyond that), so longer text is
 * cut here; the full notice is in the gateway's log.
 */
final class WarningSignal {

    /** MESSAGE_TEXT is VARCHAR(128) in MySQL. */
    static final int MAX_CHARS = 128;
    /** ER_SIGNAL_WARN: the code MySQL gives a user-defined warning. */
    static final int CODE = 1642;

    private WarningSignal() {
    }

    /** One warning for all notices (a later statement would clear an earlier one). */
    static String sql(List<String> notices) {
        String text = shorten(String.join(" / ", notices));
        return "SIGNAL SQLSTATE '01000' SET MESSAGE_TEXT = _utf8mb4 X'"
                + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)) + "', MYSQL_ERRNO = " + CODE;
    }

    /** At most {@link #MAX_CHARS} characters (code points), ending in "..." when cut. */
    static String shorten(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_CHARS) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_CHARS - 3)) + "...";
    }
}
