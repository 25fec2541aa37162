package io.schemagate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The admin HTTP listener ({@code /health}, {@code /metrics}, {@code /api/v1/...}).
 *
 * @param enabled whether it starts (default true)
 * @param listen  {@code host:port}
 */
public record AdminConfig(
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("listen") String listen) {

    public static final AdminConfig DEFAULT = new AdminConfig(true, "127.0.0.1:9600");

    AdminConfig withDefaults() {
        return new AdminConfig(enabled == null ? DEFAULT.enabled : enabled, listen == null ? DEFAULT.listen : listen);
    }
}
