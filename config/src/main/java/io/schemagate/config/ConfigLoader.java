package io.schemagate.config;

import java.nio.file.Path;

/** Loads and validates {@code schemagate.yaml}. */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** The file's configuration, or the defaults when {@code file} is null. */
    public static GatewayConfig load(Path file) {
        GatewayConfig config = file == null ? GatewayConfig.defaults() : YamlFiles.read(file, GatewayConfig.class);
        validate(file == null ? "defaults" : file.toString(), config);
        return config;
    }

    static void validate(String name, GatewayConfig c) {
        try {
            c.postgres().listenAddress();
            c.postgres().upstreamAddress();
            c.mysql().listenAddress();
            c.mysql().upstreamAddress();
            HostPort.parse(c.admin().listen(), "admin.listen");
        } catch (ConfigException e) {
            throw new ConfigException(name + ": " + e.getMessage(), e);
        }
        for (ListenerConfig l : new ListenerConfig[] {c.postgres(), c.mysql()}) {
            if (l.maxMessageBytes() < 1024) {
                throw new ConfigException(name + ": max_message_bytes " + l.maxMessageBytes()
                        + " is too small; use at least 1024");
            }
            if (l.tls() != null && (l.tls().certFile() == null || l.tls().keyFile() == null)) {
                throw new ConfigException(name + ": tls needs both cert_file and key_file");
            }
        }
    }
}
