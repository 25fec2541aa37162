package io.schemagate.mysql.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Splits a byte stream into MySQL packets without copying them. Until {@link #passRuns()} it passes
 * one whole frame (header included) per message, so that the handler after it may change the protocol
 * after any packet (the bytes after an SSLRequest are a TLS handshake). After it, each read's complete
 * packets travel on as one buffer, a run of consecutive frames: the relay walks their headers in place
 * and forwards the run with one write, instead of one message, one slice and one write per packet.
 * Bytes of an unfinished packet wait here for the next read. Only framing happens here; what a packet
 * means is decided elsewhere. A declared payload length above {@code maxPayload} fails before any of
 * the payload is buffered.
 */
public final class PacketFrameDecoder extends ChannelInboundHandlerAdapter {

    private final int maxPayload;
    /** The start of an unfinished packet, or everything read while paused; null when empty. */
    private ByteBuf pending;
    private boolean runs;
    private boolean paused;
    private boolean failed;
    private boolean passedOn;
    private int truncatedHave = -1;
    private int truncatedWant = -1;

    public PacketFrameDecoder(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    /** From now on, pass all complete packets of a read as one run. */
    public void passRuns() {
        runs = true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (failed) {
            in.release();
            return;
        }
        ByteBuf head = pending;
        pending = null;
        if (head != null) {
            int missing = paused || head.readableBytes() < Packets.HEADER_SIZE ? -1
                    : Packets.frameLength(head, head.readerIndex()) - head.readableBytes();
            if (missing < 0 || missing > in.readableBytes()) {
                split(ctx, append(ctx.alloc(), head, in));
                return;
            }
            // This read completes the unfinished packet: only its missing bytes are copied, and what
            // follows them in the read is split where it lies (a large result set arrives in reads
            // that each end inside a row, and would otherwise be copied whole, read after read).
            split(ctx, complete(ctx.alloc(), head, in, missing));
            if (ctx.isRemoved() || failed) {
                in.release();
                return;
            }
        }
        split(ctx, in);
    }

    /** Passes on the complete frames of {@code buf}, which this method owns, and keeps the rest. */
    private void split(ChannelHandlerContext ctx, ByteBuf buf) {
        while (!paused) {
            int start = buf.readerIndex();
            int end = start;
            int limit = buf.writerIndex();
            PacketTooLargeException tooLarge = null;
            while (limit - end >= Packets.HEADER_SIZE) {
                int length = Packets.payloadLength(buf, end);
                if (length > maxPayload) {
                    tooLarge = new PacketTooLargeException(length, maxPayload);
                    break;
                }
                if (limit - end - Packets.HEADER_SIZE < length) {
                    break;
                }
                end += Packets.HEADER_SIZE + length;
                if (!runs) {
                    break;
                }
            }
            if (tooLarge == null) {
                if (end == start) {
                    break;
                }
                if (end == limit) {
                    passedOn = true;
                    ctx.fireChannelRead(buf);
                    return;
                }
            }
            if (end > start) {
                passedOn = true;
                ctx.fireChannelRead(buf.readRetainedSlice(end - start));
                if (ctx.isRemoved()) {
                    buf.release();
                    return;
                }
            }
            if (tooLarge != null) {
                failed = true;
                buf.release();
                ctx.fireExceptionCaught(tooLarge);
                return;
            }
        }
        if (buf.isReadable()) {
            pending = buf;
        } else {
            buf.release();
        }
    }

    /** The unfinished packet in {@code head} followed by the next {@code missing} bytes of {@code in}. */
    private static ByteBuf complete(ByteBufAllocator alloc, ByteBuf head, ByteBuf in, int missing) {
        if (head.maxFastWritableBytes() >= missing) {
            return head.writeBytes(in, missing);
        }
        ByteBuf whole = alloc.buffer(head.readableBytes() + missing);
        whole.writeBytes(head).writeBytes(in, missing);
        head.release();
        return whole;
    }

    /**
     * Adds {@code in} after the unfinished packet in {@code head}, in place when {@code head} has the
     * room (a run sliced from it earlier only covers bytes before its writer index), else in a new
     * buffer that leaves the bytes already passed on behind. The new buffer doubles what arrived, up
     * to the end of the unfinished packet: a 16 MiB packet arriving in small reads is copied about twice,
     * and a peer that declares a long packet and sends little makes the gateway hold little.
     */
    private static ByteBuf append(ByteBufAllocator alloc, ByteBuf head, ByteBuf in) {
        try {
            int extra = in.readableBytes();
            if (head.maxFastWritableBytes() >= extra) {
                head.writeBytes(in);
                return head;
            }
            int need = head.readableBytes() + extra;
            int want = 2 * need;
            if (head.readableBytes() >= 3) {
                want = Math.max(need, Math.min(want, Packets.frameLength(head, head.readerIndex())));
            }
            ByteBuf grown = alloc.buffer(want);
            grown.writeBytes(head).writeBytes(in);
            head.release();
            return grown;
        } finally {
            in.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // A read that completed no packet produced nothing to answer, so no one else asks for more.
        if (!passedOn && !ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
        passedOn = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pending != null) {
            // The peer went away inside a packet: remember how far it got for the disconnect reason.
            truncatedHave = pending.readableBytes();
            truncatedWant = truncatedHave >= 3
                    ? Packets.frameLength(pending, pending.readerIndex()) : -1;
            pending.release();
            pending = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.release();
            pending = null;
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
        ByteBuf held = pending;
        pending = null;
        if (held != null && !held.isReadable()) {
            held.release();
            return null;
        }
        return held;
    }
}
