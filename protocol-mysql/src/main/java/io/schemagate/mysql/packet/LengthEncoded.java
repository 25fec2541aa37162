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
