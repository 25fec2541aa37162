package io.schemagate.pg.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Frames typed protocol messages (Byte1 type, Int32 length counting itself) without copying them.
 * Messages the relay does not open are emitted as runs of opaque bytes: consecutive messages become
 * one retained slice, and a message longer than what has arrived is streamed on as it comes (a 64 MiB
 * DataRow never sits whole in the gateway). Messages named by the {@link FrameRule} are held until
 * whole and shown to the {@link FrameInspector}, which may leave them in the run (read on the way),
 * drop them, or have them emitted as a {@link PgFrame}. Every length is checked against the rule
 * before any byte of its message is relayed.
 */
public final class PgFrameDecoder extends ByteToMessageDecoder {

    private static final int HEADER = 5;

    private final FrameRule rule;
    private final FrameInspector inspector;
    /** Bytes of a message whose start has been relayed and whose rest has not arrived yet. */
    private long streaming;
    /** Set once a message broke the rules: nothing after it can be framed, so it is all dropped. */
    private boolean broken;
    /** Whether the connection ended with a message cut short. */
    private boolean truncated;

    public PgFrameDecoder(FrameRule rule) {
        this(rule, FrameInspector.OPEN_ALL);
    }

    public PgFrameDecoder(FrameRule rule, FrameInspector inspector) {
        this.rule = rule;
        this.inspector = inspector;
    }

    /** Whether a message is partly relayed: nothing else may be written into the relayed stream now. */
    public boolean midRelay() {
        return streaming > 0;
    }

    /** Whether a message is partly relayed or partly received. */
    public boolean midMessage() {
        return streaming > 0 || actualReadableBytes() > 0;
    }

    /** Whether the connection ended in the middle of a message (valid once the channel is inactive). */
    public boolean endedMidMessage() {
        return truncated;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // The buffered bytes are released before the next handler hears of the close; note them now.
        truncated = midMessage();
        super.channelInactive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int runStart = in.readerIndex();
        int runEnd = runStart;
        int limit = in.writerIndex();
        if (streaming > 0) {
            int n = (int) Math.min(streaming, limit - runEnd);
            runEnd += n;
            streaming -= n;
        }
        while (streaming == 0 && limit - runEnd >= HEADER) {
            byte type = in.getByte(runEnd);
            int length = in.getInt(runEnd + 1);
            String refused = check(type, length);
            if (refused != null) {
                // What came before the bad header is still relayed; then the connection ends.
                if (runEnd > runStart) {
                    out.add(in.readRetainedSlice(runEnd - runStart));
                }
                broken = true;
                in.skipBytes(in.readableBytes());
                throw new PgProtocolException(refused);
            }
            if (rule.opens(type)) {
                if (limit - runEnd < 1L + length) {
                    break;
                }
                int action = inspector.inspect(type, in, runEnd, length);
                if (action == FrameInspector.RELAY) {
                    runEnd += 1 + length;
                    continue;
                }
                if (runEnd > runStart) {
                    out.add(in.readRetainedSlice(runEnd - runStart));
                }
                if (action == FrameInspector.DROP) {
                    in.skipBytes(1 + length);
                    runStart = runEnd = in.readerIndex();
                    continue;
                }
                out.add(new PgFrame(type, in.readRetainedSlice(1 + length)));
                // The handler acts on this message before anything after it is inspected.
                return;
            }
            long available = limit - runEnd;
            if (1L + length <= available) {
                runEnd += 1 + length;
            } else {
                streaming = 1L + length - available;
                runEnd = limit;
            }
        }
        if (runEnd > runStart) {
            out.add(in.readRetainedSlice(runEnd - runStart));
        }
    }

    private String check(byte type, int length) {
        String refused = rule.refuse(type);
        if (refused != null) {
            return refused;
        }
        if (length < 4) {
            return "message '" + printable(type) + "' declares invalid length " + length;
        }
        if (length > rule.maxLength()) {
            return "message '" + printable(type) + "' declares " + length
                    + " bytes, above the limit of " + rule.maxLength() + " (max_message_bytes)";
        }
        return null;
    }

    private static String printable(byte type) {
        return type >= 0x20 && type < 0x7f ? String.valueOf((char) type) : "0x" + Integer.toHexString(type & 0xFF);
    }
}
