package io.schemagate.pg.frame;

import io.netty.channel.embedded.EmbeddedChannel;
import io.schemagate.pg.message.frontend.SSLRequest;
import org.junit.jupiter.api.Test;

import static io.schemagate.pg.Bytes.i32;
import static io.schemagate.pg.Bytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupPacketDecoderTest {

    @Test
    void emitsOnePacketPerReadAndKeepsTheRestBuffered() {
        StartupPacketDecoder d = new StartupPacketDecoder();
        EmbeddedChannel ch = new EmbeddedChannel(d);
        ch.writeInbound(of(i32(8), i32(SSLRequest.CODE), i32(9), i32(196608), 0));
        StartupPacket p = ch.readInbound();
        assertThat(p.code()).isEqualTo(SSLRequest.CODE);
        assertThat(p.content().readableBytes()).isEqualTo(8);
        assertThat(d.bufferedBytes()).isEqualTo(9);
        p.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void garbageLengthIsRefusedWithAReason() {
        EmbeddedChannel ch = new EmbeddedChannel(new StartupPacketDecoder());
        // "GET / HTTP/1.1": someone pointed a browser at the port.
        assertThatThrownBy(() -> ch.writeInbound(of("GET / HTTP/1.1\r\n")))
                .hasCauseInstanceOf(PgProtocolException.class)
                .hasMessageContaining("invalid length of startup packet");
        ch.finishAndReleaseAll();
    }

    @Test
    void waitsForTheWholePacket() {
        EmbeddedChannel ch = new EmbeddedChannel(new StartupPacketDecoder());
        ch.writeInbound(of(i32(9), i32(196608)));
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(of(0));
        StartupPacket p = ch.readInbound();
        assertThat(p.code()).isEqualTo(196608);
        p.release();
        assertThat(ch.finish()).isFalse();
    }
}
