package io.schemagate.policy.sql;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeywordTest {

    private static long code(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Keyword.encode(b, 0, b.length);
    }

    @Test
    void caseFoldsAndDistinguishesWords() {
        assertThat(code("select")).isEqualTo(code("SELECT")).isEqualTo(code("SeLeCt"));
        assertThat(code("SELECT")).isNotEqualTo(code("DELETE"));
        assertThat(code("ALTER_")).isNotEqualTo(code("ALTER"));
        assertThat(code("CHECKPOINTXY")).isNotEqualTo(Keyword.NONE); // 12 letters still fit
    }

    @Test
    void wordsThatAreNoKeywordHaveNoCode() {
        assertThat(code("")).isEqualTo(Keyword.NONE);
        assertThat(code("ABCDEFGHIJKLM")).isEqualTo(Keyword.NONE); // 13 letters
        assertThat(code("t1")).isEqualTo(Keyword.NONE);
        assertThat(code("sélect")).isEqualTo(Keyword.NONE);
        assertThatThrownBy(() -> Keyword.encode("a1")).hasMessageContaining("a1");
    }
}
