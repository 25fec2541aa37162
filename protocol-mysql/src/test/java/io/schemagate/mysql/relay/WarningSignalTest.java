package io.schemagate.mysql.relay;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WarningSignalTest {

    /** The text the statement carries, decoded back from its hex literal. */
    private static String text(String sql) {
        String hex = sql.substring(sql.indexOf("X'") + 2, sql.indexOf("', MYSQL_ERRNO"));
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }

    @Test
    void theTextTravelsAsHexSoQuotesAndBackslashesCannotEscapeIt() {
        String notice = "schemagate: ran the safe form instead: ALTER TABLE t ADD COLUMN n text DEFAULT 'it''s \\ é', ALGORITHM=INSTANT";
        String sql = WarningSignal.sql(List.of(notice));
        assertThat(sql).startsWith("SIGNAL SQLSTATE '01000' SET MESSAGE_TEXT = _utf8mb4 X'").endsWith("', MYSQL_ERRNO = 1642")
                .doesNotContain("it''s", "\\", "é");
        assertThat(text(sql)).isEqualTo(notice);
    }

    @Test
    void severalNoticesShareOneWarningAndLongTextIsCutAt128Characters() {
        assertThat(text(WarningSignal.sql(List.of("first", "second")))).isEqualTo("first / second");
        String id = "schemagate: staged migration mig_1eg7kij8x8b47: ";
        String cut = text(WarningSignal.sql(List.of(id + "é".repeat(200))));
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(128);
        assertThat(cut).startsWith(id).endsWith("é...");
        String exact = "x".repeat(128);
        assertThat(WarningSignal.shorten(exact)).isEqualTo(exact);
    }
}
