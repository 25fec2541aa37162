package io.schemagate.mysql.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
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
    void inRunModeEachReadsCompletePacketsTravelAsOneBufferAndTheRestWaits() {
        PacketFrameDecoder d = new PacketFrameDecoder(1024);
        d.passRuns();
        EmbeddedChannel ch = new EmbeddedChannel(d);
        // Two whole packets and the first 3 bytes of a third (payload 2) in one read.
        ch.writeInbound(Unpooled.buffer()
                .writeMediumLE(1).writeByte(1).writeByte(0xAA)
                .writeMediumLE(0).writeByte(2)
                .writeMediumLE(2).writeByte(3).writeByte(0x01));
        ByteBuf run = ch.readInbound();
        assertThat(run.readableBytes()).isEqualTo(9);
        assertThat(Packets.sequenceId(run, run.readerIndex() + 5)).isEqualTo(2);
        assertThat((Object) ch.readInbound()).isNull();
        // The rest of the third packet and all of a fourth and fifth: the completed packet comes
        // first, then the rest of the read, split where it lies.
        ByteBuf read = Unpooled.buffer().writeByte(0x02)
                .writeMediumLE(1).writeByte(4).writeByte(0xBB)
                .writeMediumLE(1).writeByte(5).writeByte(0xCC);
        ch.writeInbound(read);
        ByteBuf third = ch.readInbound();
        assertThat(third.readableBytes()).isEqualTo(6);
        assertThat(Packets.payloadLength(third)).isEqualTo(2);
        assertThat(third.getByte(third.readerIndex() + 5)).isEqualTo((byte) 0x02);
        ByteBuf rest = ch.readInbound();
        assertThat(rest.readableBytes()).isEqualTo(10);
        assertThat(Packets.sequenceId(rest)).isEqualTo(4);
        assertThat(Packets.sequenceId(rest, rest.readerIndex() + 5)).isEqualTo(5);
        assertThat(rest.unwrap() == read || rest == read).as("the rest of the read is not copied").isTrue();
        run.release();
        third.release();
        rest.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aLongPacketArrivingInSmallReadsComesOutWhole() {
        PacketFrameDecoder d = new PacketFrameDecoder(1 << 20);
        d.passRuns();
        EmbeddedChannel ch = new EmbeddedChannel(d);
        int length = 300_000;
        ByteBuf stream = Unpooled.buffer().writeMediumLE(length).writeByte(0);
        for (int i = 0; i < length; i++) {
            stream.writeByte(i);
        }
        while (stream.isReadable()) {
            ch.writeInbound(stream.readRetainedSlice(Math.min(1000, stream.readableBytes())));
        }
        ByteBuf frame = ch.readInbound();
        assertThat(frame.readableBytes()).isEqualTo(Packets.HEADER_SIZE + length);
        assertThat(ByteBufUtil.equals(frame, stream.readerIndex(0))).isTrue();
        frame.release();
        stream.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void packetsBeforeATooLongDeclarationAreStillPassedOn() {
        PacketFrameDecoder d = new PacketFrameDecoder(100);
        d.passRuns();
        EmbeddedChannel ch = new EmbeddedChannel(d);
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.buffer()
                .writeMediumLE(1).writeByte(0).writeByte(0x0E).writeMediumLE(101).writeByte(0)))
                .isInstanceOf(PacketTooLargeException.class);
        ByteBuf ping = ch.readInbound();
        assertThat(ping.readableBytes()).isEqualTo(5);
        ping.release();
        // What follows a refused declaration is dropped.
        ch.writeInbound(Unpooled.buffer().writeMediumLE(1).writeByte(0).writeByte(0x0E));
        assertThat((Object) ch.readInbound()).isNull();
        ch.finish();
    }

    @Test
    void whilePausedBytesAreHeldUnframedAndHandedOver() {
        PacketFrameDecoder d = new PacketFrameDecoder(1024);
        EmbeddedChannel ch = new EmbeddedChannel(d);
        d.pause();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[]{0x16, 0x03, 0x01}));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[]{0x00, 0x05}));
        assertThat((Object) ch.readInbound()).isNull();
        ByteBuf held = d.resumeAndTakeBuffered();
        assertThat(ByteBufUtil.getBytes(held)).containsExactly(0x16, 0x03, 0x01, 0x00, 0x05);
        held.release();
        assertThat(d.resumeAndTakeBuffered()).isNull();
        assertThat(ch.finish()).isFalse();
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
