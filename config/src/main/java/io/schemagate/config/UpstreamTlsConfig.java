package io.schemagate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * TLS from the gateway to the database server.
 *
 * @param mode       {@code disable}, {@code require} (encrypt, trust any certificate) or
 *                   {@code verify-full} (check the chain against {@code caFile} and the host name)
 * @param caFile     PEM CA bundle for verify-full; the JDK's trust store when null
 * @param serverName host name to verify; the upstream host when null
 */
public record UpstreamTlsConfig(
        @JsonProperty("mode") Mode mode,
        @JsonProperty("ca_file") String caFile,
        @JsonProperty("server_name") String serverName) {

    public static final UpstreamTlsConfig DISABLED = new UpstreamTlsConfig(Mode.DISABLE, null, null);

    public UpstreamTlsConfig {
        mode = mode == null ? Mode.DISABLE : mode;
    }

    public enum Mode {
        @JsonProperty("disable") DISABLE,
        @JsonProperty("require") REQUIRE,
        @JsonProperty("verify-full") VERIFY_FULL
    }
}
