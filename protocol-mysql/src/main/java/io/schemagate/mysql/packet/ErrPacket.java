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
    /** ER_LOCK_WAIT_TIMEOUT: lock_wait_timeout (metadata locks) or innodb_lock_wait_timeout (rows) expired. */
    public static final int ER_LOCK_WAIT_TIMEOUT = 1205;

    /**
     * The SQL state a MySQL server pairs with {@code errorCode}, for the codes the gateway answers
     * with (MySQL's error reference): a MySQL client checks these, not PostgreSQL's states.
     * ER_SIGNAL_EXCEPTION (1644) carries 45000, the state of an unhandled user-defined condition
     * ({@code SIGNAL SQLSTATE '45000'}); codes not listed get HY000, the general error.
     */
    public static String sqlStateFor(int errorCode) {
        return switch (errorCode) {
            case 1227, 1235, 1148 -> "42000"; // ER_SPECIFIC_ACCESS_DENIED_ERROR, ER_NOT_SUPPORTED_YET, ER_NOT_ALLOWED_COMMAND
            case 1644 -> "45000";
            case 1043 -> "08S01"; // ER_HANDSHAKE_ERROR
            default -> "HY000";
        };
    }

    public ErrPacket {
        Objects.requireNonNull(sqlState, "sqlState must not be null");
        Objects.requireNonNull(message, "message must not be null");
        if (sqlState.length() != 5) {
            throw new IllegalArgumentException("SQL state '" + sqlState + "' is not 5 characters");
        }
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        ByteBuf out = alloc.buffer(9 + text.length);
        out.writeByte(HEADER).writeShortLE(errorCode).writeByte('#');
        out.writeBytes(sqlState.getBytes(StandardCharsets.US_ASCII)).writeBytes(text);
        return out;
    }

    /** The error code of an ERR payload, without decoding the rest. */
    public static int errorCode(ByteBuf payload) {
        return payload.getUnsignedShortLE(payload.readerIndex() + 1);
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
