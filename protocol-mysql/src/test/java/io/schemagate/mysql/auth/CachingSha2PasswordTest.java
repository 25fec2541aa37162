package io.schemagate.mysql.auth;

import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** Fast-auth vector computed independently (Python hashlib) from the formula in the class Javadoc. */
class CachingSha2PasswordTest {

    @Test
    void fastAuthScrambleAgainstAFixedVector() {
        assertThat(ByteBufUtil.hexDump(CachingSha2Password.scramble("secret", MysqlNativePasswordTest.NONCE)))
                .isEqualTo("746ebe205d56a0707acb3e796e834e0dd7b1d61743b26bd5202c7a623230c7c9");
    }

    @Test
    void obfuscationCyclesTheNonce() {
        byte[] pw = "abcdefghijklmnopqrstuvwxyz\0".getBytes(StandardCharsets.US_ASCII);
        byte[] x = CachingSha2Password.obfuscate(pw, MysqlNativePasswordTest.NONCE);
        assertThat(x[20]).isEqualTo((byte) ('u' ^ 1));
        assertThat(CachingSha2Password.obfuscate(x, MysqlNativePasswordTest.NONCE)).isEqualTo(pw);
    }

    @Test
    void rsaRoundTripThroughPem() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        byte[] pw = "secret\0".getBytes(StandardCharsets.US_ASCII);
        byte[] pem = CachingSha2Password.toPem(kp.getPublic());
        assertThat(new String(pem, StandardCharsets.US_ASCII)).startsWith("-----BEGIN PUBLIC KEY-----\n");
        byte[] encrypted = CachingSha2Password.encrypt(pw, MysqlNativePasswordTest.NONCE, CachingSha2Password.parsePublicKey(pem));
        assertThat(encrypted).hasSize(256);
        assertThat(CachingSha2Password.decrypt(encrypted, MysqlNativePasswordTest.NONCE, kp.getPrivate())).isEqualTo(pw);
    }
}
