package io.schemagate.mysql.relay;

import io.netty.channel.Channel;

/**
 * Told when a client connection's session is established, so the application can count the
 * connections that ended before that (refused: failed TLS or authentication, server unreachable).
 * Called on the connection's event loop; implementations must not block.
 */
@FunctionalInterface
public interface ConnectionObserver {

    ConnectionObserver NONE = client -> {
    };

    /** The server accepted the login (its OK packet ended the authentication phase). */
    void established(Channel client);
}
