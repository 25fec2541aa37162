package io.schemagate.pg.relay;

import io.netty.handler.ssl.SslContext;

import java.util.Objects;

/**
 * TLS from the gateway to the server: the client context (trust and host-name checks already set by
 * whoever built it) and the name to present in SNI and to verify.
 *
 * @param context    the client-side TLS context
 * @param serverName host name for SNI and verification
 * @param port       the server's port, for the TLS session cache key
 */
public record TlsUpstream(SslContext context, String serverName, int port) {

    public TlsUpstream {
        Objects.requireNonNull(context, "context must not be null");
        Objects.requireNonNull(serverName, "serverName must not be null");
    }
}
