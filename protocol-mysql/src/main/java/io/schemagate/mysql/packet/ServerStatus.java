package io.schemagate.mysql.packet;

import io.netty.buffer.ByteBuf;

/**
 * SERVER_STATUS_* flags and where OK_Packet and EOF_Packet carry them. The relay reads only these two
 * bytes of the packets that end a response.
 */
public final class ServerStatus {

    public static final int SERVER_STATUS_IN_TRANS = 0x0001;
    public static final int SERVER_STATUS_AUTOCOMMIT = 0x0002;
    public static final int SERVER_MORE_RESULTS_EXISTS = 0x0008;
    public static final int SERVER_STATUS_CURSOR_EXISTS = 0x0040;

    public static final int OK = 0x00;
    public static final int EOF = 0xFE;

    private ServerStatus() {
    }

    /**
     * Status flags of an OK_Packet (header 0x00, or 0xFE when it ends a result set under
     * CLIENT_DEPRECATE_EOF): after affected_rows and last_insert_id, both int&lt;lenenc&gt;.
     */
    public static int ofOk(ByteBuf payload) {
        return ofOk(payload, payload.readerIndex(), payload.readableBytes());
    }

    /** {@link #ofOk(ByteBuf)} for the payload of {@code length} bytes at index {@code at}, read in place. */
    public static int ofOk(ByteBuf buf, int at, int length) {
        int end = at + length;
        int i = at + 1;
        i += i < end ? LengthEncoded.intSize(buf.getUnsignedByte(i)) : 1;
        i += i < end ? LengthEncoded.intSize(buf.getUnsignedByte(i)) : 1;
        return end - i >= 2 ? buf.getUnsignedShortLE(i) : 0;
    }

    /** Status flags of an EOF_Packet: 0xFE, warnings int&lt;2&gt;, status int&lt;2&gt;. */
    public static int ofEof(ByteBuf payload) {
        return ofEof(payload, payload.readerIndex(), payload.readableBytes());
    }

    /** {@link #ofEof(ByteBuf)} for the payload of {@code length} bytes at index {@code at}. */
    public static int ofEof(ByteBuf buf, int at, int length) {
        return length >= 5 ? buf.getUnsignedShortLE(at + 3) : 0;
    }
}
