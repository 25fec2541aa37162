package io.schemagate.mysql.auth;

import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Vectors computed independently (Python hashlib) from the formula in the class Javadoc. */
class MysqlNativePasswordTest {

    static final byte[] NONCE = new byte[20];

    static {
        for (int i = 0; i < 20; i++) {
            NONCE[i] = (byte) (i + 1);
        }
    }

    @Test
    void scramblesAgainstAFixedVector() {
        assertThat(ByteBufUtil.hexDump(MysqlNativePassword.scramble("secret", NONCE)))
                .isEqualTo("b32bb3a583e1340c0a1108d58b1be49781ad8c2f");
    }

    @Test
    void emptyPasswordSendsNothing() {
        assertThat(MysqlNativePassword.scramble("", NONCE)).isEmpty();
    }
}
