package io.schemagate.pg;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.fail;

/** Test helpers: build expected bytes, compare them exactly, show both as hex dumps when they differ. */
public final class Bytes {

    private Bytes() {
    }

    /** A buffer from ints (each one byte), chars and strings ("\0" for terminators) and Int32 values via {@link #i32}. */
    public static ByteBuf of(Object... parts) {
        ByteBuf b = Unpooled.buffer();
        for (Object p : parts) {
            if (p instanceof Character c) {
                b.writeByte(c);
            } else if (p instanceof String s) {
                b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else if (p instanceof Int32 i) {
                b.writeInt(i.value());
            } else if (p instanceof Int16 s) {
                b.writeShort(s.value());
            } else if (p instanceof Integer i) {
                b.writeByte(i);
            } else if (p instanceof byte[] a) {
                b.writeBytes(a);
            } else {
                throw new IllegalArgumentException("cannot write " + p);
            }
        }
        return b;
    }

    public static Int32 i32(int v) {
        return new Int32(v);
    }

    public static Int16 i16(int v) {
        return new Int16(v);
    }

    public record Int32(int value) {
    }

    public record Int16(int value) {
    }

    /** Asserts equal readable bytes and releases both buffers. */
    public static void assertBytes(ByteBuf actual, ByteBuf expected) {
        try {
            if (!ByteBufUtil.equals(actual, expected)) {
                fail("bytes differ%nexpected:%n%s%nactual:%n%s", ByteBufUtil.prettyHexDump(expected),
                        ByteBufUtil.prettyHexDump(actual));
            }
        } finally {
            actual.release();
            expected.release();
        }
    }
}
