package io.schemagate.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {

    @Test
    void reformattingKeepsTheFingerprint() {
        assertThat(Fingerprint.of("ALTER TABLE orders\n   ADD COLUMN c int -- why\n;"))
                .isEqualTo(Fingerprint.of("ALTER TABLE orders ADD COLUMN c int"))
                .isEqualTo(Fingerprint.of("  ALTER /* note */ TABLE orders ADD COLUMN c int;  "));
    }

    @Test
    void quotedTextCountsExactly() {
        assertThat(Fingerprint.of("ALTER TABLE t ALTER c SET DEFAULT 'a  b'"))
                .isNotEqualTo(Fingerprint.of("ALTER TABLE t ALTER c SET DEFAULT 'a b'"));
        assertThat(Fingerprint.normalise("SELECT $f$ a   -- not a comment $f$,  'it''s  x'"))
                .isEqualTo("SELECT $f$ a   -- not a comment $f$, 'it''s  x'");
    }

    @Test
    void mysqlExecutableCommentsAreCode() {
        assertThat(Fingerprint.of("/*!80000 ALTER TABLE t DROP COLUMN a */"))
                .isNotEqualTo(Fingerprint.of("/*!80000 ALTER TABLE t DROP COLUMN b */"));
    }
}
