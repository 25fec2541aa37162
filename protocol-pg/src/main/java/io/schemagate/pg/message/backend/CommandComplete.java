package io.schemagate.pg.message.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * CommandComplete ('C'): a command finished; its tag names it ({@code COMMIT}, {@code ROLLBACK},
 * {@code INSERT 0 5}). The relay reads only the tag, and only while it waits to learn how a
 * transaction holding a staged statement ended, or to show a schema change it ran inside a DO block
 * with the statement's own tag.
 */
public final class CommandComplete {

    public static final byte TYPE = 'C';

    private CommandComplete() {
    }

    /** The tag of a whole CommandComplete frame (type byte and length included), without its terminator. */
    public static String tag(ByteBuf frame) {
        int start = frame.readerIndex() + 5;
        int end = frame.indexOf(start, frame.writerIndex(), (byte) 0);
        return frame.toString(start, (end < 0 ? frame.writerIndex() : end) - start, StandardCharsets.US_ASCII);
    }

    /** CommandComplete with {@code tag}: 'C', length, the tag and its terminating zero. */
    public static ByteBuf encode(ByteBufAllocator alloc, String tag) {
        byte[] text = tag.getBytes(StandardCharsets.US_ASCII);
        return alloc.buffer(6 + text.length).writeByte(TYPE).writeInt(5 + text.length).writeBytes(text).writeByte(0);
    }
}
