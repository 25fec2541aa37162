package io.schemagate.mysql.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits a byte stream into MySQL packets and emits each whole frame (header included) as a retained
 * slice of the cumulation: the relay forwards it without copying. Only framing happens here; what a
 * packet means is decided elsewhere. A declared payload length above {@code maxPayload} fails before
 * any of the payload is buffered.
 */
public final class PacketFrameDecoder extends ByteToMessageDecoder {

    private final int maxPayload;
    private int truncatedHave = -1;
    private int truncatedWant = -1;
    private boolean paused;

    public PacketFrameDecoder(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!paused && in.readableBytes() >= Packets.HEADER_SIZE) {
            int length = in.getUnsignedMediumLE(in.readerIndex());
            if (length > maxPayload) {
                throw new PacketTooLargeException(length, maxPayload);
            }
            int frameLength = Packets.HEADER_SIZE + length;
            if (in.readableBytes() < frameLength) {
                return;
            }
            out.add(in.readRetainedSlice(frameLength));
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        decode(ctx, in, out);
        if (in.isReadable()) {
            // The peer went away inside a packet: remember how far it got for the disconnect reason.
            truncatedHave = in.readableBytes();
            truncatedWant = in.readableBytes() >= 3 ? Packets.HEADER_SIZE + in.getUnsignedMediumLE(in.readerIndex()) : -1;
            in.skipBytes(in.readableBytes());
        }
    }

    /** When the stream ended inside a packet: "N of M bytes" of the unfinished frame, else null. */
    public String truncation() {
        if (truncatedHave < 0) {
            return null;
        }
        return truncatedHave + " of " + (truncatedWant < 0 ? "?" : Integer.toString(truncatedWant)) + " bytes";
    }

    /**
     * Stops framing: the bytes after an SSLRequest are the client's TLS handshake, which a MySQL client
     * sends without waiting for an answer, so they may already sit in this decoder's buffer.
     */
    public void pause() {
        paused = true;
    }

    /** Hands over what was buffered while paused (null when nothing was) and resumes framing. */
    public ByteBuf resumeAndTakeBuffered() {
        paused = false;
        int n = actualReadableBytes();
        return n == 0 ? null : internalBuffer().readRetainedSlice(n);
    }
}
