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
        ByteBuf in = payload.duplicate();
        in.skipBytes(1);
        LengthEncoded.readInt(in);
        LengthEncoded.readInt(in);
        return in.readableBytes() >= 2 ? in.readUnsignedShortLE() : 0;
    }

    /** Status flags of an EOF_Packet: 0xFE, warnings int&lt;2&gt;, status int&lt;2&gt;. */
    public static int ofEof(ByteBuf payload) {
        return payload.readableBytes() >= 5 ? payload.getUnsignedShortLE(payload.readerIndex() + 3) : 0;
    }
}
