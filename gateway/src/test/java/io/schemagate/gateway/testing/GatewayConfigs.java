package io.schemagate.gateway.testing;

import io.schemagate.config.AdminConfig;
import io.schemagate.config.AuditConfig;
import io.schemagate.config.GatewayConfig;
import io.schemagate.config.ListenerConfig;
import io.schemagate.config.StateConfig;
import io.schemagate.config.UpstreamTlsConfig;

import java.nio.file.Path;

/** Gateway configurations for in-JVM tests: port 0, and the audit log and state inside the test's own directory. */
public final class GatewayConfigs {

    private GatewayConfigs() {
    }

    /**
     * The PostgreSQL listener only, relaying to the test server.
     *
     * @param policy a policy file, or null for the built-in policy
     */
    public static GatewayConfig postgresOnly(Path dir, Path policy) {
        ListenerConfig pg = new ListenerConfig(true, "127.0.0.1:0", TestServers.pgHostPort(),
                ListenerConfig.DEFAULT_MAX_MESSAGE_BYTES, null, UpstreamTlsConfig.DISABLED);
        return new GatewayConfig(pg, new ListenerConfig(false, null, null, null, null, null),
                new AdminConfig(false, "127.0.0.1:0", null, null), policy == null ? null : policy.toString(),
                new AuditConfig(dir.resolve("audit.jsonl").toString(), null, null), "gw-test",
                new StateConfig(null, dir.resolve("state").toString(), null, null), null);
    }
}
