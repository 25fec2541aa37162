package io.schemagate.mysql.relay;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.schemagate.policy.gate.StatementGate;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Everything one relayed connection needs, built once per listener by the application.
 *
 * @param upstreamHost      server host
 * @param upstreamPort      server port
 * @param maxMessageBytes   largest client packet payload or multi-packet message accepted
 * @param clientTls         TLS offered to clients (CLIENT_SSL is advertised only when set), or null
 * @param upstreamTls       TLS towards the server, or null for a plain server leg
 * @param upstreamTlsHost   host name given to the TLS engine for SNI and verify-full
 * @param allowLocalInfile  asked at each LOAD DATA LOCAL INFILE request: relay it, or (false) answer the
 *                          server with an empty file and give the client an error instead
 * @param channelClass      the socket channel class of the event loop the client arrived on
 * @param gate              judges COM_QUERY and COM_STMT_PREPARE text
 * @param observer          told when a connection is established (for connection metrics)
 */
public record MySqlRelayConfig(String upstreamHost, int upstreamPort, int maxMessageBytes, SslContext clientTls,
                               SslContext upstreamTls, String upstreamTlsHost, BooleanSupplier allowLocalInfile,
                               Class<? extends Channel> channelClass, StatementGate gate,
                               ConnectionObserver observer) {

    public MySqlRelayConfig {
        Objects.requireNonNull(upstreamHost, "upstreamHost must not be null");
        Objects.requireNonNull(channelClass, "channelClass must not be null");
        Objects.requireNonNull(allowLocalInfile, "allowLocalInfile must not be null");
        Objects.requireNonNull(gate, "gate must not be null (use StatementGate.PASS_THROUGH)");
        Objects.requireNonNull(observer, "observer must not be null (use ConnectionObserver.NONE)");
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, was " + maxMessageBytes);
        }
    }

    /** A configuration without a connection observer. */
    public MySqlRelayConfig(String upstreamHost, int upstreamPort, int maxMessageBytes, SslContext clientTls,
                            SslContext upstreamTls, String upstreamTlsHost, boolean allowLocalInfile,
                            Class<? extends Channel> channelClass, StatementGate gate) {
        this(upstreamHost, upstreamPort, maxMessageBytes, clientTls, upstreamTls, upstreamTlsHost, () -> allowLocalInfile,
                channelClass, gate, ConnectionObserver.NONE);
    }

    public String upstream() {
        return upstreamHost + ":" + upstreamPort;
    }
}
