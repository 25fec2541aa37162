package io.schemagate.mysql.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrPacketTest {

    @Test
    void theGatewaysErrorNumbersCarryMySqlsOwnStates() {
        assertThat(ErrPacket.sqlStateFor(1644)).isEqualTo("45000");
        assertThat(ErrPacket.sqlStateFor(1227)).isEqualTo("42000");
        assertThat(ErrPacket.sqlStateFor(1235)).isEqualTo("42000");
        assertThat(ErrPacket.sqlStateFor(1030)).isEqualTo("HY000");
        assertThat(ErrPacket.sqlStateFor(ErrPacket.ER_UNKNOWN_ERROR)).isEqualTo("HY000");
    }

    @Test
    void encodesAndDecodesTheProtocol41Layout() {
        ByteBuf b = new ErrPacket(1644, "45000", "held").encode(ByteBufAllocator.DEFAULT);
        try {
            ErrPacket back = ErrPacket.decode(b);
            assertThat(back).isEqualTo(new ErrPacket(1644, "45000", "held"));
        } finally {
            b.release();
        }
    }
}
