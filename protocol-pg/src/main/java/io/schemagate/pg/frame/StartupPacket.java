package io.schemagate.pg.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One untyped startup-phase packet: Int32 length (counting itself), Int32 code, rest. The code tells
 * SSLRequest, GSSENCRequest, CancelRequest and StartupMessage (major version 3 in the high 16 bits)
 * apart. {@link #content()} is the whole packet, so a StartupMessage is relayed byte for byte.
 */
public final class StartupPacket extends DefaultByteBufHolder {

    private final int code;

    public StartupPacket(int code, ByteBuf packet) {
        super(packet);
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The bytes after the length field, for the message decoders. */
    public ByteBuf body() {
        return content().duplicate().skipBytes(4);
    }

    /** The bytes after the code, for the message decoders. */
    public ByteBuf afterCode() {
        return content().duplicate().skipBytes(8);
    }

    @Override
    public String toString() {
        return "StartupPacket[code=" + code + ", " + content().readableBytes() + " bytes]";
    }
}
