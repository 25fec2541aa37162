package io.schemagate.pg.relay;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.schemagate.policy.gate.StatementGate;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How one PostgreSQL listener relays.
 *
 * @param upstream        the server
 * @param channelClass    the socket channel class for server connections (epoll or NIO, matching the
 *                        event loops the listener runs on)
 * @param maxMessageBytes the largest length field accepted from a client
 * @param clientTls       TLS offered to clients; null answers SSLRequest with 'N'
 * @param upstreamTls     TLS towards the server; null for plain TCP
 * @param gate            judges Query and Parse messages
 * @param startupTimeout  how long a client may take to send its StartupMessage (TLS handshake included)
 *                        before it is disconnected; authentication after that is timed by the server
 *                        (authentication_timeout)
 * @param observer        told when a connection is established (for connection metrics)
 */
public record PgRelaySettings(InetSocketAddress upstream, Class<? extends Channel> channelClass, int maxMessageBytes,
                              SslContext clientTls, TlsUpstream upstreamTls, StatementGate gate, Duration startupTimeout,
                              ConnectionObserver observer) {

    /** PostgreSQL's own default authentication_timeout, and PgBouncer's client_login_timeout. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    public PgRelaySettings {
        Objects.requireNonNull(startupTimeout, "startupTimeout must not be null");
        Objects.requireNonNull(observer, "observer must not be null (use ConnectionObserver.NONE)");
        Objects.requireNonNull(upstream, "upstream must not be null");
        Objects.requireNonNull(channelClass, "channelClass must not be null");
        Objects.requireNonNull(gate, "gate must not be null");
        if (maxMessageBytes < 5) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 5, got " + maxMessageBytes);
        }
    }

    /** Settings without a connection observer. */
    public PgRelaySettings(InetSocketAddress upstream, Class<? extends Channel> channelClass, int maxMessageBytes,
                           SslContext clientTls, TlsUpstream upstreamTls, StatementGate gate, Duration startupTimeout) {
        this(upstream, channelClass, maxMessageBytes, clientTls, upstreamTls, gate, startupTimeout, ConnectionObserver.NONE);
    }
}
