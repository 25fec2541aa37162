package io.schemagate.gateway.gate;

import io.schemagate.gateway.server.GatewayServer;
import io.schemagate.gateway.testing.GatewayConfigs;
import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules on table size and catalog-dependent checks see the live server's facts through the gateway. */
@org.junit.jupiter.api.Timeout(120)
class LiveCatalogPgIT {

    @TempDir
    Path dir;
    String db;
    GatewayServer server;
    String url;

    @BeforeEach
    void start() throws Exception {
        db = TestServers.createPgDatabase("sg_catalog");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE big (id int PRIMARY KEY, c int)");
            s.execute("INSERT INTO big SELECT g, g FROM generate_series(1, 50000) g");
            s.execute("CREATE TABLE small (id int PRIMARY KEY, c int)");
            s.execute("INSERT INTO small VALUES (1, 1)");
            s.execute("ALTER TABLE small ADD CONSTRAINT small_c_nn CHECK (c IS NOT NULL)");
            s.execute("ANALYZE big");
            s.execute("ANALYZE small");
        }
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                version: 1
                rules:
                  - id: big-tables-need-a-window
                    match: { checks: [adding-volatile-default], min_rows: 10000 }
                    action: reject
                    message: "Backfilling tables this size waits for the maintenance window"
                """);
        server = new GatewayServer(GatewayConfigs.postgresOnly(dir, policy));
        server.start();
        url = "jdbc:postgresql://127.0.0.1:" + server.boundAddresses().get("postgres").getPort() + "/" + db;
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        TestServers.dropPgDatabase(db);
    }

    @Test
    void aRuleOnTableSizeSeesTheServersRowEstimate() throws Exception {
        try (Connection app = DriverManager.getConnection(url, TestServers.pgUser(), null); Statement s = app.createStatement()) {
            assertThatThrownBy(() -> s.execute("ALTER TABLE big ADD COLUMN v int DEFAULT (random()*10)::int"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Backfilling tables this size waits for the maintenance window")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            s.execute("ALTER TABLE small ADD COLUMN v int DEFAULT (random()*10)::int");
        }
    }

    @Test
    void aValidatedNotNullCheckMakesSetNotNullSafe() throws Exception {
        try (Connection app = DriverManager.getConnection(url, TestServers.pgUser(), null); Statement s = app.createStatement()) {
            s.execute("ALTER TABLE small ALTER COLUMN c SET NOT NULL");
        }
        assertThat(Files.readString(dir.resolve("audit.jsonl")))
                .contains("\"statement\":\"ALTER TABLE small ALTER COLUMN c SET NOT NULL\"")
                .contains("\"decision\":\"allow\"");
    }
}
