package io.schemagate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The admin HTTP listener ({@code /health}, {@code /metrics}, {@code /api/v1/...}).
 *
 * @param enabled whether it starts (default true)
 * @param listen     {@code host:port}
 * @param identities who may call the API (bearer tokens stored as hashes)
 * @param tls        serve HTTPS with this certificate (and require client certificates when it names a client CA)
 */
public record AdminConfig(
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("listen") String listen,
        @JsonProperty("identities") List<IdentityConfig> identities,
        @JsonProperty("tls") TlsConfig tls) {

    public static final AdminConfig DEFAULT = new AdminConfig(true, "127.0.0.1:9600", List.of(), null);

    public AdminConfig {
        identities = identities == null ? List.of() : List.copyOf(identities);
        long distinct = identities.stream().map(IdentityConfig::name).distinct().count();
        if (distinct != identities.size()) {
            throw new ConfigException("admin.identities: each name may appear only once");
        }
    }

    AdminConfig withDefaults() {
        return new AdminConfig(enabled == null ? DEFAULT.enabled : enabled, listen == null ? DEFAULT.listen : listen,
                identities, tls);
    }
}
