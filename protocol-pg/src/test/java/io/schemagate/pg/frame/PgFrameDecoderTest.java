package io.schemagate.pg.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.schemagate.pg.Bytes.i32;
import static io.schemagate.pg.Bytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PgFrameDecoderTest {

    private static EmbeddedChannel frontend(int max) {
        return new EmbeddedChannel(new PgFrameDecoder(FrameRule.frontend(max, "QP")));
    }

    /** Drains the channel: opaque runs as hex-free descriptions, frames by type. */
    private static List<String> drain(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        Object m;
        while ((m = ch.readInbound()) != null) {
            if (m instanceof PgFrame f) {
                out.add("frame " + (char) f.type() + " " + f.content().readableBytes());
                f.release();
            } else {
                ByteBuf b = (ByteBuf) m;
                out.add("run " + b.readableBytes());
                b.release();
            }
        }
        return out;
    }

    @Test
    void consecutiveOpaqueMessagesBecomeOneRun() {
        EmbeddedChannel ch = frontend(1000);
        ch.writeInbound(of('S', i32(4), 'H', i32(4), 'X', i32(4)));
        assertThat(drain(ch)).containsExactly("run 15");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void openedMessagesAreWholeFramesBetweenRuns() {
        EmbeddedChannel ch = frontend(1000);
        ch.writeInbound(of('S', i32(4), 'Q', i32(6), "x\0", 'S', i32(4)));
        assertThat(drain(ch)).containsExactly("run 5", "frame Q 7", "run 5");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void inspectedMessagesStayInTheRunOrAreDroppedOrHandedOver() {
        List<String> seen = new ArrayList<>();
        // Z is read on the way, C is left out, Q is handed over as a frame.
        FrameInspector inspector = (type, buf, index, length) -> {
            seen.add((char) type + "@" + (index - buf.readerIndex()) + "/" + length);
            return switch (type) {
                case 'Z' -> FrameInspector.RELAY;
                case 'C' -> FrameInspector.DROP;
                default -> FrameInspector.OPEN;
            };
        };
        EmbeddedChannel ch = new EmbeddedChannel(new PgFrameDecoder(FrameRule.backend("ZCQ"), inspector));
        ch.writeInbound(of('D', i32(4), 'Z', i32(5), 'I', 'C', i32(6), "x\0", 'D', i32(4), 'Q', i32(4), 'D', i32(4)));
        assertThat(drain(ch)).containsExactly("run 11", "run 5", "frame Q 5", "run 5");
        // Offsets from the unread start: the run before a message is cut only when needed.
        assertThat(seen).containsExactly("Z@5/5", "C@11/6", "Q@5/4");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void openedMessageSplitAcrossReadsWaitsUntilWhole() {
        EmbeddedChannel ch = frontend(1000);
        ch.writeInbound(of('Q', i32(6), "x"));
        assertThat(drain(ch)).isEmpty();
        ch.writeInbound(of("\0"));
        assertThat(drain(ch)).containsExactly("frame Q 7");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void longOpaqueMessageIsStreamedAsItArrives() {
        EmbeddedChannel ch = frontend(1000);
        ch.writeInbound(of('B', i32(104), new byte[50]));
        assertThat(drain(ch)).containsExactly("run 55");
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[30]));
        assertThat(drain(ch)).containsExactly("run 30");
        ch.writeInbound(of(new byte[20], 'S', i32(4)));
        assertThat(drain(ch)).containsExactly("run 25");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void splitHeaderIsHeldUntilComplete() {
        EmbeddedChannel ch = frontend(1000);
        ch.writeInbound(of('S', i32(4), 'Q', 0, 0));
        assertThat(drain(ch)).containsExactly("run 5");
        ch.writeInbound(of(0, 5, "\0"));
        assertThat(drain(ch)).containsExactly("frame Q 6");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void declaredLengthAboveTheLimitIsRefusedBeforeAnyByteIsRelayed() {
        EmbeddedChannel ch = frontend(100);
        assertThatThrownBy(() -> ch.writeInbound(of('B', i32(101))))
                .isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(PgProtocolException.class)
                .hasMessageContaining("declares 101 bytes, above the limit of 100");
        assertThat(drain(ch)).isEmpty();
        ch.finishAndReleaseAll();
    }

    @Test
    void bytesBeforeABadHeaderAreStillRelayed() {
        EmbeddedChannel ch = frontend(100);
        assertThatThrownBy(() -> ch.writeInbound(of('S', i32(4), 'B', i32(500), "more")))
                .hasMessageContaining("declares 500 bytes");
        assertThat(drain(ch)).containsExactly("run 5");
        ch.writeInbound(of('S', i32(4)));
        assertThat(drain(ch)).isEmpty();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void lengthBelowFourIsRefused() {
        EmbeddedChannel ch = frontend(100);
        assertThatThrownBy(() -> ch.writeInbound(of('S', i32(3))))
                .hasMessageContaining("invalid length 3");
        ch.finishAndReleaseAll();
    }

    @Test
    void unknownFrontendTypeIsRefused() {
        EmbeddedChannel ch = frontend(100);
        assertThatThrownBy(() -> ch.writeInbound(of(0xfe, i32(4))))
                .hasMessageContaining("unknown frontend message type 0xfe");
        ch.finishAndReleaseAll();
    }

    @Test
    void openedMessageAtTheLargestLengthWaitsInsteadOfOverflowing() {
        EmbeddedChannel ch = new EmbeddedChannel(new PgFrameDecoder(FrameRule.frontend(Integer.MAX_VALUE, "Q")));
        ch.writeInbound(of('Q', i32(Integer.MAX_VALUE), "x"));
        assertThat(drain(ch)).isEmpty();
        ch.finishAndReleaseAll();
    }

    @Test
    void backendTypesAreNotChecked() {
        EmbeddedChannel ch = new EmbeddedChannel(new PgFrameDecoder(FrameRule.backend("Z")));
        ch.writeInbound(of('D', i32(4), 'Z', i32(5), 'I'));
        assertThat(drain(ch)).containsExactly("run 5", "frame Z 6");
        assertThat(ch.finish()).isFalse();
    }
}
