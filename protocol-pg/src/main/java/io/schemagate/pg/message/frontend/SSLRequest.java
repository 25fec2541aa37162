package io.schemagate.pg.message.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * SSLRequest: Int32 8, Int32 80877103 (1234 &lt;&lt; 16 | 5679). The server answers one byte, 'S' to go on
 * with a TLS handshake or 'N' to go on in plain text; the gateway sends it to the server when the
 * upstream is TLS, and answers it for clients.
 */
public final class SSLRequest {

    public static final int CODE = 80877103;
    /** The one-byte answer that accepts TLS. */
    public static final byte ACCEPT = 'S';
    /** The one-byte answer that declines encryption. */
    public static final byte DECLINE = 'N';

    private SSLRequest() {
    }

    public static ByteBuf encode(ByteBufAllocator alloc) {
        return alloc.buffer(8).writeInt(8).writeInt(CODE);
    }
}
