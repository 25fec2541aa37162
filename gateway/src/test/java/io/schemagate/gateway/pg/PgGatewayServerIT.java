package io.schemagate.gateway.pg;

import io.schemagate.config.AdminConfig;
import io.schemagate.config.AuditConfig;
import io.schemagate.config.StateConfig;
import io.schemagate.config.GatewayConfig;
import io.schemagate.config.ListenerConfig;
import io.schemagate.config.UpstreamTlsConfig;
import io.schemagate.gateway.server.GatewayServer;
import io.schemagate.gateway.testing.LeakWatch;
import io.schemagate.gateway.testing.Psql;
import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code schemagate serve} starts the PostgreSQL relay from the configuration. */
class PgGatewayServerIT {

    static {
        LeakWatch.install();
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void gatewayServerRelaysPostgresFromItsConfiguration() throws Exception {
        ListenerConfig pg = new ListenerConfig(true, "127.0.0.1:0", TestServers.pgHostPort(),
                ListenerConfig.DEFAULT_MAX_MESSAGE_BYTES, null, UpstreamTlsConfig.DISABLED);
        ListenerConfig noMysql = new ListenerConfig(false, null, null, null, null, null);
        GatewayServer server = new GatewayServer(new GatewayConfig(pg, noMysql, new AdminConfig(false, "127.0.0.1:0", null, null),
                null, new AuditConfig(dir.resolve("audit.jsonl").toString(), null, null), "gw-test",
                new StateConfig(null, dir.resolve("state").toString(), null, null), null));
        try {
            server.start();
            InetSocketAddress at = server.boundAddresses().get("postgres");
            Psql.Result r = Psql.run("host=127.0.0.1 port=" + at.getPort() + " user=" + TestServers.pgUser()
                    + " dbname=postgres", Map.of(), "SELECT 'through ' || 'the gateway' AS greeting");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).contains("through the gateway").contains("(1 row)");
        } finally {
            server.close();
        }
    }
}
