package io.schemagate.mysql.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketFrameDecoderTest {

    @Test
    void emitsWholeFramesAcrossArbitrarySplits() {
        EmbeddedChannel ch = new EmbeddedChannel(new PacketFrameDecoder(1024));
        ByteBuf stream = Unpooled.buffer()
                .writeMediumLE(3).writeByte(0).writeBytes(new byte[]{3, 'x', 'y'})
                .writeMediumLE(0).writeByte(1)
                .writeMediumLE(2).writeByte(2).writeBytes(new byte[]{9, 9});
        while (stream.isReadable()) {
            ch.writeInbound(stream.readRetainedSlice(Math.min(2, stream.readableBytes())));
        }
        stream.release();
        ByteBuf a = ch.readInbound();
        ByteBuf b = ch.readInbound();
        ByteBuf c = ch.readInbound();
        assertThat(Packets.payloadLength(a)).isEqualTo(3);
        assertThat(Packets.firstByte(a)).isEqualTo(3);
        assertThat(Packets.sequenceId(b)).isEqualTo(1);
        assertThat(Packets.firstByte(b)).isEqualTo(-1);
        assertThat(Packets.sequenceId(c)).isEqualTo(2);
        assertThat(c.readableBytes()).isEqualTo(6);
        a.release();
        b.release();
        c.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void refusesADeclaredLengthAboveTheMaximumBeforeBuffering() {
        EmbeddedChannel ch = new EmbeddedChannel(new PacketFrameDecoder(100));
        assertThatThrownBy(() -> {
            ch.writeInbound(Unpooled.buffer().writeMediumLE(101).writeByte(0));
            ch.checkException();
        })
                .isInstanceOf(DecoderException.class)
                .hasMessageContaining("declared a message of 101 bytes, above the configured maximum of 100 bytes");
        ch.releaseInbound();
        ch.close();
    }

    @Test
    void remembersWhereAPeerVanishedMidPacket() {
        PacketFrameDecoder d = new PacketFrameDecoder(1024);
        EmbeddedChannel ch = new EmbeddedChannel(d);
        ch.writeInbound(Unpooled.buffer().writeMediumLE(100).writeByte(0).writeBytes(new byte[6]));
        ch.finish();
        assertThat(d.truncation()).isEqualTo("10 of 104 bytes");
    }

    @Test
    void continuationIsAPayloadOfExactlyTheMaximum() {
        ByteBuf full = Unpooled.buffer(4).writeMediumLE(Packets.MAX_PAYLOAD).writeByte(0);
        ByteBuf shorter = Unpooled.buffer(4).writeMediumLE(Packets.MAX_PAYLOAD - 1).writeByte(0);
        assertThat(Packets.continues(full)).isTrue();
        assertThat(Packets.continues(shorter)).isFalse();
        full.release();
        shorter.release();
    }
}
