package io.schemagate.pg.message;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Byte helpers shared by the message classes. PostgreSQL strings on the wire are NUL-terminated;
 * the gateway reads them as UTF-8 because every client it relays for sets client_encoding to UTF8
 * or ASCII-compatible encodings, and SQL keywords the gateway looks at are plain ASCII.
 */
public final class PgCodec {

    private PgCodec() {
    }

    /** Reads a NUL-terminated string and moves past the terminator. */
    public static String readCString(ByteBuf buf) {
        int end = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new MalformedMessageException("a string field has no NUL terminator within the message");
        }
        String s = buf.toString(buf.readerIndex(), end - buf.readerIndex(), StandardCharsets.UTF_8);
        buf.readerIndex(end + 1);
        return s;
    }

    public static void writeCString(ByteBuf buf, String s) {
        buf.writeCharSequence(s, StandardCharsets.UTF_8);
        buf.writeByte(0);
    }

    /** Writes a type byte and a length placeholder; returns the index of the placeholder for {@link #patchLength}. */
    public static int beginTyped(ByteBuf buf, char type) {
        buf.writeByte(type);
        int at = buf.writerIndex();
        buf.writeInt(0);
        return at;
    }

    /** Writes a length placeholder for an untyped startup-phase packet (the length counts itself). */
    public static int beginUntyped(ByteBuf buf) {
        int at = buf.writerIndex();
        buf.writeInt(0);
        return at;
    }

    /** The length field counts itself and the body, never the type byte (protocol-message-formats). */
    public static void patchLength(ByteBuf buf, int lengthIndex) {
        buf.setInt(lengthIndex, buf.writerIndex() - lengthIndex);
    }
}
