package io.schemagate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One protocol listener and the server it relays to.
 *
 * @param enabled         whether the listener starts (default true)
 * @param listen          {@code host:port} to accept clients on
 * @param upstream        {@code host:port} of the database server
 * @param maxMessageBytes largest protocol message accepted from a client before the connection is closed
 * @param tls             TLS offered to clients; null answers PostgreSQL SSLRequest with 'N' and does not
 *                        advertise CLIENT_SSL to MySQL clients
 * @param upstreamTls     TLS towards the server
 */
public record ListenerConfig(
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("listen") String listen,
        @JsonProperty("upstream") String upstream,
        @JsonProperty("max_message_bytes") Integer maxMessageBytes,
        @JsonProperty("tls") TlsConfig tls,
        @JsonProperty("upstream_tls") UpstreamTlsConfig upstreamTls) {

    /** 1 GiB is PostgreSQL's own limit for a field; 128 MiB covers a 64 MiB bytea as hex text with room to spare. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

    public static ListenerConfig defaultPostgres() {
        return new ListenerConfig(true, "127.0.0.1:6432", "127.0.0.1:5432", DEFAULT_MAX_MESSAGE_BYTES, null,
                UpstreamTlsConfig.DISABLED);
    }

    public static ListenerConfig defaultMysql() {
        return new ListenerConfig(true, "127.0.0.1:6033", "127.0.0.1:3306", DEFAULT_MAX_MESSAGE_BYTES, null,
                UpstreamTlsConfig.DISABLED);
    }

    ListenerConfig withDefaults(ListenerConfig d) {
        return new ListenerConfig(
                enabled == null ? d.enabled : enabled,
                listen == null ? d.listen : listen,
                upstream == null ? d.upstream : upstream,
                maxMessageBytes == null ? d.maxMessageBytes : maxMessageBytes,
                tls,
                upstreamTls == null ? d.upstreamTls : upstreamTls);
    }

    public HostPort listenAddress() {
        return HostPort.parse(listen, "listen");
    }

    public HostPort upstreamAddress() {
        return HostPort.parse(upstream, "upstream");
    }
}
