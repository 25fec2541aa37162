package io.schemagate.mysql.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeV10Test {

    /** A greeting captured from MariaDB 10.11 (payload only, without the 4-byte header). */
    static final String MARIADB_GREETING = "0a352e352e352d31302e31312e31392d4d6172696144422d302b64656231327531005e000000"
            + "7b6a24712e2e3c2400fef72d0200ff81150000000000001d0000003f4e4d77312a7c5677746168006d7973716c5f6e61746976655f"
            + "70617373776f726400";

    private static HandshakeV10 decode(String hex) {
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        try {
            return HandshakeV10.decode(in);
        } finally {
            in.release();
        }
    }

    @Test
    void decodesMariaDbGreeting() {
        HandshakeV10 h = decode(MARIADB_GREETING);
        assertThat(h.serverVersion()).isEqualTo("5.5.5-10.11.19-MariaDB-0+deb12u1");
        assertThat(h.connectionId()).isEqualTo(0x5e);
        assertThat(h.authPluginName()).isEqualTo("mysql_native_password");
        assertThat(h.scramble()).hasSize(20);
        assertThat(ByteBufUtil.hexDump(h.scramble())).isEqualTo("7b6a24712e2e3c243f4e4d77312a7c5677746168");
        // MariaDB clears bit 0 (CLIENT_MYSQL) and sends extended capabilities in the reserved bytes.
        assertThat(Capabilities.has(h.capabilities(), Capabilities.CLIENT_MYSQL)).isFalse();
        assertThat(Capabilities.has(h.capabilities(), Capabilities.MARIADB_CLIENT_PROGRESS)).isTrue();
        assertThat(Capabilities.has(h.capabilities(), Capabilities.CLIENT_COMPRESS)).isTrue();
        assertThat(Capabilities.has(h.capabilities(), Capabilities.CLIENT_SSL)).isFalse();
    }

    @Test
    void encodesBackToTheSameBytes() {
        HandshakeV10 h = decode(MARIADB_GREETING);
        ByteBuf out = h.encode(UnpooledByteBufAllocator.DEFAULT);
        try {
            assertThat(ByteBufUtil.hexDump(out)).as(ByteBufUtil.prettyHexDump(out)).isEqualTo(MARIADB_GREETING);
        } finally {
            out.release();
        }
    }

    @Test
    void strippedCopyKeepsScrambleAndConnectionId() {
        HandshakeV10 h = decode(MARIADB_GREETING);
        long caps = (h.capabilities() & ~Capabilities.NEVER_RELAYED) | Capabilities.CLIENT_SSL;
        ByteBuf out = h.withCapabilities(caps).encode(UnpooledByteBufAllocator.DEFAULT);
        try {
            HandshakeV10 again = HandshakeV10.decode(out);
            assertThat(again.capabilities()).isEqualTo(caps);
            assertThat(Capabilities.has(again.capabilities(), Capabilities.CLIENT_COMPRESS)).isFalse();
            assertThat(Capabilities.has(again.capabilities(), Capabilities.MARIADB_CLIENT_PROGRESS)).isFalse();
            assertThat(again.scramble()).isEqualTo(h.scramble());
            assertThat(again.connectionId()).isEqualTo(h.connectionId());
        } finally {
            out.release();
        }
    }
}
