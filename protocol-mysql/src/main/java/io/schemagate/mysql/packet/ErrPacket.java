package io.schemagate.mysql.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * ERR_Packet: 0xFF, error code int&lt;2&gt;, then (protocol 4.1) '#' and a 5-character SQL state,
 * then the message. The gateway writes these for its own refusals and disconnect reasons.
 */
public record ErrPacket(int errorCode, String sqlState, String message) {

    public static final int HEADER = 0xFF;

    /** ER_NET_PACKETS_OUT_OF_ORDER. */
    public static final int ER_NET_PACKETS_OUT_OF_ORDER = 1156;
    /** ER_NET_PACKET_TOO_LARGE. */
    public static final int ER_NET_PACKET_TOO_LARGE = 1153;
    /** ER_HANDSHAKE_ERROR ("Bad handshake"). */
    public static final int ER_HANDSHAKE_ERROR = 1043;
    /** ER_NOT_SUPPORTED_AUTH_MODE. */
    public static final int ER_NOT_SUPPORTED_AUTH_MODE = 1251;
    /** ER_NOT_ALLOWED_COMMAND: what a server says when LOAD DATA LOCAL is disabled. */
    public static final int ER_NOT_ALLOWED_COMMAND = 1148;
    /** CR_SERVER_LOST, as a client library reports a server that went away mid-query. */
    public static final int CR_SERVER_LOST = 2013;
    /** ER_UNKNOWN_ERROR. */
    public static final int ER_UNKNOWN_ERROR = 1105;

    public ErrPacket {
        Objects.requireNonNull(sqlState, "sqlState must not be null");
        Objects.requireNonNull(message, "message must not be null");
        if (sqlState.length() != 5) {
            throw new IllegalArgumentException("SQL state '" + sqlState + "' is not 5 characters");
        }
    }

    /**
     * The SQL state MySQL itself sends with an error number the gateway answers with (the server's
     * errmsg table: ER_SPECIFIC_ACCESS_DENIED_ERROR 1227 and ER_NOT_SUPPORTED_YET 1235 are 42000,
     * ER_SIGNAL_EXCEPTION 1644 is 45000, ER_GET_ERRNO 1030 and ER_UNKNOWN_ERROR 1105 are HY000), so a
     * client sees the pair it knows; {@code otherwise} for any other number.
     */
    public static String sqlStateOf(int errorCode, String otherwise) {
        return switch (errorCode) {
            case 1227, 1235 -> "42000";
            case 1644 -> "45000";
            case 1030, ER_UNKNOWN_ERROR -> "HY000";
            default -> otherwise;
        };
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        ByteBuf out = alloc.buffer(9 + text.length);
        out.writeByte(HEADER).writeShortLE(errorCode).writeByte('#');
        out.writeBytes(sqlState.getBytes(StandardCharsets.US_ASCII)).writeBytes(text);
        return out;
    }

    /** Decodes an ERR payload sent after the handshake (protocol 4.1 layout). */
    public static ErrPacket decode(ByteBuf payload) {
        ByteBuf in = payload.duplicate();
        in.skipBytes(1);
        int code = in.readUnsignedShortLE();
        String state = "HY000";
        if (in.isReadable() && in.getByte(in.readerIndex()) == '#' && in.readableBytes() >= 6) {
            in.skipBytes(1);
            state = in.readCharSequence(5, StandardCharsets.US_ASCII).toString();
        }
        return new ErrPacket(code, state, in.toString(StandardCharsets.UTF_8));
    }
}
