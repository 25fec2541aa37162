package io.schemagate.mysql.packet;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/** MySQL's length-encoded integers and strings (protocol basics: int&lt;lenenc&gt;, string&lt;lenenc&gt;). */
public final class LengthEncoded {

    private LengthEncoded() {
    }

    /** Reads an int&lt;lenenc&gt;: one byte below 0xFB, else 0xFC + 2, 0xFD + 3 or 0xFE + 8 bytes. */
    public static long readInt(ByteBuf in) {
        int first = in.readUnsignedByte();
        return switch (first) {
            case 0xFC -> in.readUnsignedShortLE();
            case 0xFD -> in.readUnsignedMediumLE();
            case 0xFE -> in.readLongLE();
            case 0xFB, 0xFF -> throw new IllegalArgumentException(
                    "0x" + Integer.toHexString(first) + " does not start a length-encoded integer");
            default -> first;
        };
    }

    /**
     * Bytes an int&lt;lenenc&gt; takes, from its first byte; 1 for 0xFB and 0xFF, which start none,
     * so a reader that only skips over one (the relay finding a status field) never goes backwards.
     */
    public static int intSize(int first) {
        return switch (first) {
            case 0xFC -> 3;
            case 0xFD -> 4;
            case 0xFE -> 9;
            default -> 1;
        };
    }

    /** Reads an int&lt;lenenc&gt; at index {@code at} without moving any index. */
    public static long getInt(ByteBuf in, int at) {
        int first = in.getUnsignedByte(at);
        return switch (first) {
            case 0xFC -> in.getUnsignedShortLE(at + 1);
            case 0xFD -> in.getUnsignedMediumLE(at + 1);
            case 0xFE -> in.getLongLE(at + 1);
            case 0xFB, 0xFF -> throw new IllegalArgumentException(
                    "0x" + Integer.toHexString(first) + " does not start a length-encoded integer");
            default -> first;
        };
    }

    public static void writeInt(ByteBuf out, long value) {
        if (value < 0xFB) {
            out.writeByte((int) value);
        } else if (value <= 0xFFFF) {
            out.writeByte(0xFC).writeShortLE((int) value);
        } else if (value <= 0xFFFFFF) {
            out.writeByte(0xFD).writeMediumLE((int) value);
        } else {
            out.writeByte(0xFE).writeLongLE(value);
        }
    }

    public static byte[] readBytes(ByteBuf in) {
        long length = readInt(in);
        byte[] bytes = new byte[Math.toIntExact(length)];
        in.readBytes(bytes);
        return bytes;
    }

    public static String readString(ByteBuf in) {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    /** Reads a string&lt;NUL&gt;; a missing terminator takes the rest of the buffer (MySQL 5.5 plugin names). */
    public static String readNulString(ByteBuf in) {
        int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0);
        int stop = end < 0 ? in.writerIndex() : end;
        String s = in.toString(in.readerIndex(), stop - in.readerIndex(), StandardCharsets.UTF_8);
        in.readerIndex(end < 0 ? stop : stop + 1);
        return s;
    }

    public static void writeNulString(ByteBuf out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8)).writeByte(0);
    }
}
