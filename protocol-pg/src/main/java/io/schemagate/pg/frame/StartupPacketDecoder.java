package io.schemagate.pg.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Frames the untyped packets a client sends before its StartupMessage is accepted. Emits one
 * {@link StartupPacket} per decode call, so the handler can answer an SSLRequest and put TLS in front
 * before the next byte is read.
 */
public final class StartupPacketDecoder extends ByteToMessageDecoder {

    /**
     * PostgreSQL refuses longer startup packets (MAX_STARTUP_PACKET_LENGTH in src/include/libpq/pqcomm.h);
     * a length of 8 is the smallest valid one (SSLRequest).
     */
    public static final int MAX_STARTUP_PACKET_LENGTH = 10000;
    private static final int MIN_STARTUP_PACKET_LENGTH = 8;

    public StartupPacketDecoder() {
        setSingleDecode(true);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < MIN_STARTUP_PACKET_LENGTH || length > MAX_STARTUP_PACKET_LENGTH) {
            // Nothing after a bad length can be framed; drop it so it is not decoded again at close.
            in.skipBytes(in.readableBytes());
            // The first byte of a TLS ClientHello is 0x16: a client that opened TLS directly.
            throw new PgProtocolException("invalid length of startup packet: " + length
                    + " (expected 8 to " + MAX_STARTUP_PACKET_LENGTH + "; is this a PostgreSQL client?)");
        }
        if (in.readableBytes() < length) {
            return;
        }
        int code = in.getInt(in.readerIndex() + 4);
        out.add(new StartupPacket(code, in.readRetainedSlice(length)));
    }

    /** Bytes received and not yet framed: after an SSLRequest this must be zero (see the relay). */
    public int bufferedBytes() {
        return actualReadableBytes();
    }
}
