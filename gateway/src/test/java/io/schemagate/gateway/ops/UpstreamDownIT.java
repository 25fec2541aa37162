package io.schemagate.gateway.ops;

import io.schemagate.gateway.testing.Psql;
import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL server behind the gateway is down: a client is told which server cannot be reached,
 * /health/ready names the upstream, and the connection counts as refused.
 */
class UpstreamDownIT {

    @TempDir
    Path dir;

    @Test
    void aDownUpstreamIsNamedToClientsAndInReadiness() throws Exception {
        String dead = "127.0.0.1:" + GatewayProcess.freePort();
        try (OpsGateway gateway = OpsGateway.start(new OpsConfig(dir).pgUpstream(dead).write("schemagate.yaml"))) {
            Psql.Result r = Psql.run(gateway.psqlConninfo("postgres", TestServers.pgUser()), Map.of(), "SELECT 1");
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.stderr()).contains(dead);

            Admin.Reply ready = gateway.admin.get("/health/ready", null);
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).contains("postgres upstream").contains(dead);

            Prometheus m = new Prometheus(gateway.admin.get("/metrics", null).body());
            assertThat(m.value("schemagate_connections_total", Map.of("protocol", "postgres"))).isEqualTo(1);
            assertThat(m.value("schemagate_connections_refused_total", Map.of("protocol", "postgres"))).isEqualTo(1);
        }
    }
}
