package io.schemagate.pg.relay;

import io.netty.channel.Channel;

/**
 * Told when a client connection has done what it came for, so the application can count the
 * connections that ended before that (refused: bad startup, failed TLS or authentication, server
 * unreachable). Called on the connection's event loop; implementations must not block.
 */
@FunctionalInterface
public interface ConnectionObserver {

    ConnectionObserver NONE = client -> {
    };

    /**
     * The session is established (the server's first ReadyForQuery: authentication is over), or the
     * connection carried a CancelRequest, which is all such a connection is for.
     */
    void established(Channel client);
}
