package io.schemagate.pg.message.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.schemagate.pg.message.MalformedMessageException;

import java.util.Objects;

/**
 * ReadyForQuery ('Z', length 5, one status byte): the server is ready for a new query cycle. The relay
 * reads it to keep each session's transaction status, and writes it after answering a refused
 * statement itself.
 *
 * @param status the transaction status indicator
 */
public record ReadyForQuery(TransactionStatus status) {

    public static final byte TYPE = 'Z';

    public ReadyForQuery {
        Objects.requireNonNull(status, "status must not be null");
    }

    /** Decodes a whole frame: type byte, length, body. */
    public static ReadyForQuery decode(ByteBuf frame) {
        if (frame.readableBytes() != 6 || frame.getInt(frame.readerIndex() + 1) != 5) {
            throw new MalformedMessageException("ReadyForQuery must be 6 bytes with length 5, got "
                    + frame.readableBytes() + " bytes");
        }
        return new ReadyForQuery(TransactionStatus.of(frame.getByte(frame.readerIndex() + 5)));
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        return alloc.buffer(6).writeByte(TYPE).writeInt(5).writeByte(status.indicator());
    }
}
