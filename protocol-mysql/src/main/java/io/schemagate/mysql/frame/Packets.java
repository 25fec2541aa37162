package io.schemagate.mysql.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The MySQL packet header: a 3-byte little-endian payload length and a 1-byte sequence id. The relay
 * passes whole frames (header and payload), one frame or a run of consecutive frames per
 * {@link ByteBuf}; these helpers read and patch the header in place, either at the buffer's reader
 * index or at a frame's index inside a run, so that a relayed frame is never copied.
 */
public final class Packets {

    /** Header size: payload length (int&lt;3&gt;) and sequence id (int&lt;1&gt;). */
    public static final int HEADER_SIZE = 4;

    /**
     * Largest payload of one packet. A payload of exactly this length means the message continues in
     * the next packet (and a message of an exact multiple of it ends with an empty packet).
     */
    public static final int MAX_PAYLOAD = 0xFFFFFF;

    private Packets() {
    }

    public static int payloadLength(ByteBuf frame) {
        return payloadLength(frame, frame.readerIndex());
    }

    /** Payload length of the frame whose header starts at index {@code at} of {@code buf}. */
    public static int payloadLength(ByteBuf buf, int at) {
        return buf.getUnsignedMediumLE(at);
    }

    /** Header and payload length of the frame at index {@code at}. */
    public static int frameLength(ByteBuf buf, int at) {
        return HEADER_SIZE + buf.getUnsignedMediumLE(at);
    }

    public static int sequenceId(ByteBuf frame) {
        return sequenceId(frame, frame.readerIndex());
    }

    public static int sequenceId(ByteBuf buf, int at) {
        return buf.getUnsignedByte(at + 3);
    }

    /** Rewrites the sequence id of a frame in place. */
    public static void setSequenceId(ByteBuf frame, int sequenceId) {
        frame.setByte(frame.readerIndex() + 3, sequenceId);
    }

    /** True when the payload fills a whole packet, so the same message continues in the next one. */
    public static boolean continues(ByteBuf frame) {
        return continues(frame, frame.readerIndex());
    }

    public static boolean continues(ByteBuf buf, int at) {
        return payloadLength(buf, at) == MAX_PAYLOAD;
    }

    /** The first payload byte (the command byte or the response header), or -1 for an empty payload. */
    public static int firstByte(ByteBuf frame) {
        return firstByte(frame, frame.readerIndex());
    }

    public static int firstByte(ByteBuf buf, int at) {
        return payloadLength(buf, at) == 0 ? -1 : buf.getUnsignedByte(at + HEADER_SIZE);
    }

    /** A view of the payload, sharing the frame's memory and reference count. */
    public static ByteBuf payload(ByteBuf frame) {
        return frame.slice(frame.readerIndex() + HEADER_SIZE, payloadLength(frame));
    }

    /**
     * Frames a payload built by the caller into one packet; the payload must fit one packet (callers
     * here only build handshake, auth and error packets, all far below 16 MiB).
     */
    public static ByteBuf frame(ByteBufAllocator alloc, int sequenceId, ByteBuf payload) {
        try {
            int length = payload.readableBytes();
            if (length >= MAX_PAYLOAD) {
                throw new IllegalArgumentException("a built packet of " + length
                        + " bytes does not fit one MySQL packet (limit " + (MAX_PAYLOAD - 1) + ")");
            }
            ByteBuf frame = alloc.buffer(HEADER_SIZE + length);
            frame.writeMediumLE(length).writeByte(sequenceId).writeBytes(payload, payload.readerIndex(), length);
            return frame;
        } finally {
            payload.release();
        }
    }
}
