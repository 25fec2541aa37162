package io.schemagate.pg.frame;

import io.netty.buffer.ByteBuf;

/**
 * Looks at a whole message of a type the {@link FrameRule} opens, where it lies in the decoder's
 * buffer, and says what becomes of it. Most opened messages only need to be read on the way (a
 * ReadyForQuery's status, a Query the lexer clears): those stay inside the run of relayed bytes,
 * so a read from the socket still goes out as one write. Only a message the relay must act on is
 * cut out and handed over as a {@link PgFrame}.
 */
@FunctionalInterface
public interface FrameInspector {

    /** Relay the message inside the run of bytes around it; the inspector has done what it needed. */
    int RELAY = 0;
    /**
     * Hand the message over as a {@link PgFrame}. The decoder stops there, so the handler acts on it
     * before any later message is inspected.
     */
    int OPEN = 1;
    /** Leave the message out of the relayed stream (the inspector has dealt with it). */
    int DROP = 2;

    /** Hands every opened message over as a frame. */
    FrameInspector OPEN_ALL = (type, buf, index, length) -> OPEN;

    /**
     * @param type   the message type byte
     * @param buf    the buffer holding it; its indices must not be changed
     * @param index  where the type byte is
     * @param length the length field (counts itself and the body, not the type byte)
     * @return {@link #RELAY}, {@link #OPEN} or {@link #DROP}
     */
    int inspect(byte type, ByteBuf buf, int index, int length);
}
