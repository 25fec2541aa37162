package io.schemagate.pg.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One whole typed message (type byte, Int32 length, body) that the relay opens; everything else
 * travels as runs of opaque bytes. {@link #content()} is the whole frame, header included, so it can
 * be forwarded as it is.
 */
public final class PgFrame extends DefaultByteBufHolder {

    private final byte type;

    public PgFrame(byte type, ByteBuf frame) {
        super(frame);
        this.type = type;
    }

    public byte type() {
        return type;
    }

    @Override
    public String toString() {
        return "PgFrame['" + (char) type + "', " + content().readableBytes() + " bytes]";
    }
}
