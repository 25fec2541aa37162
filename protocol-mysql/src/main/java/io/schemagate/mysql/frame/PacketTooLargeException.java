package io.schemagate.mysql.frame;

import io.netty.handler.codec.DecoderException;

/** A peer declared a packet or message longer than the listener's configured maximum. */
public final class PacketTooLargeException extends DecoderException {

    private final long declared;
    private final int maximum;

    public PacketTooLargeException(long declared, int maximum) {
        super("declared a message of " + declared + " bytes, above the configured maximum of " + maximum
                + " bytes (raise max_message_bytes in the mysql listener configuration if this is legitimate)");
        this.declared = declared;
        this.maximum = maximum;
    }

    public long declared() {
        return declared;
    }

    public int maximum() {
        return maximum;
    }
}
