package io.schemagate.gateway.gate;

import io.schemagate.gateway.approval.Approver;
import io.schemagate.gateway.approval.ChangeRequest;
import io.schemagate.gateway.executor.Migration;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A policy can let the gateway run an approved change itself, following the plan the approvers saw. */
@org.junit.jupiter.api.Timeout(180)
class RunByGatewayPgIT {

    @TempDir
    Path dir;
    String db;
    GatewayServer server;
    String url;

    @BeforeEach
    void start() throws Exception {
        db = TestServers.createPgDatabase("sg_runby");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, qty int)");
            s.execute("INSERT INTO orders SELECT g, g FROM generate_series(1, 20000) g");
        }
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                version: 1
                rules:
                  - id: volatile-defaults-run-after-approval
                    match: { checks: [adding-volatile-default] }
                    action: require_approval
                    approvals: { count: 1, run_by_gateway: true }
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
    void theApprovedPlanRunsWithoutTheClientSendingItAgain() throws Exception {
        String sql = "ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int";
        String changeId;
        try (Connection app = DriverManager.getConnection(url, TestServers.pgUser(), null); Statement s = app.createStatement()) {
            SQLException held = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> s.execute(sql));
            assertThat(held.getSQLState()).isEqualTo("55000");
            assertThat(held.getMessage()).contains("once approved the gateway runs it itself");
            changeId = held.getMessage().replaceAll("(?s).*(chg_[a-z0-9]+).*", "$1");
        }
        ChangeRequest approved = server.services().approvals().approve(changeId, new Approver("alice", Set.of(), Set.of()), "reviewed");
        assertThat(approved.status()).isEqualTo(ChangeRequest.Status.USED);

        await().atMost(Duration.ofSeconds(120)).until(() -> server.services().migrations().store().list().stream()
                .anyMatch(m -> changeId.equals(m.changeId()) && m.state() == Migration.State.COMPLETED));
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE c IS NULL), "
                     + "(SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'c') FROM orders")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
            assertThat(rs.getBoolean(2)).isTrue();
        }
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("\"change_id\":\"" + changeId + "\"", "migration_completed");
        // The client's own retry is not needed, and would be held again: the approval was used.
        try (Connection app = DriverManager.getConnection(url, TestServers.pgUser(), null); Statement s = app.createStatement()) {
            assertThatThrownBy(() -> s.execute("ALTER TABLE orders ADD COLUMN d int NOT NULL DEFAULT (random()*100)::int"))
                    .isInstanceOf(SQLException.class);
        }
    }
}
