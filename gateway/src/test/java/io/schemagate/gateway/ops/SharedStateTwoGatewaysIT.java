package io.schemagate.gateway.ops;

import io.schemagate.config.StateConfig;
import io.schemagate.gateway.audit.PgAuditLog;
import io.schemagate.gateway.state.SharedState;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Two gateway processes with {@code state.store: postgres} in one state database: a statement held
 * through gateway A is approved through gateway B's admin API, runs through B once, is held again
 * through A, and {@code schemagate audit verify --config} reads one valid chain with both gateways'
 * records.
 */
class SharedStateTwoGatewaysIT {

    @TempDir
    Path dir;
    String db;
    String stateDb;
    GatewayProcess a;
    GatewayProcess b;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createPgDatabase("sg_two");
        stateDb = TestServers.createPgDatabase("sg_two_state");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, legacy text)");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
        } finally {
            TestServers.dropPgDatabase(db);
            TestServers.dropPgDatabase(stateDb);
        }
    }

    private String stateUrl() {
        return "jdbc:postgresql://" + TestServers.pgHostPort() + "/" + stateDb;
    }

    private Path config(String id, int pg, int admin) throws Exception {
        Path own = Files.createDirectories(dir.resolve(id));
        Path policy = own.resolve("policy.yaml");
        Files.writeString(policy, ApprovalFlowIT.POLICY);
        return new OpsConfig(own).id(id).policy(policy)
                .pgListen("127.0.0.1:" + pg).adminListen("127.0.0.1:" + admin)
                .identity("alice", "alice-token", null, null)
                .identity("bob", "bob-token", null, null)
                .state("state:\n  store: postgres\n  postgres:\n    url: " + stateUrl() + "\n    user: " + TestServers.pgUser() + "\n")
                .write("schemagate.yaml");
    }

    private static SQLException held(Statement s, String sql) {
        SQLException e = catchThrowableOfType(() -> s.execute(sql), SQLException.class);
        assertThat((Throwable) e).as(sql + " should be held").isNotNull();
        assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("55000");
        return e;
    }

    @Test
    void heldThroughOneApprovedThroughTheOtherRunsOnceInOneChain() throws Exception {
        int pgA = GatewayProcess.freePort();
        int adminA = GatewayProcess.freePort();
        int pgB = GatewayProcess.freePort();
        int adminB = GatewayProcess.freePort();
        Path configA = config("gw-a", pgA, adminA);
        Path configB = config("gw-b", pgB, adminB);
        a = GatewayProcess.start(configA, adminA, "gateway.log");
        b = GatewayProcess.start(configB, adminB, "gateway.log");
        String drop = "ALTER TABLE orders DROP COLUMN legacy";

        try (Connection viaA = DriverManager.getConnection(jdbc(pgA), TestServers.pgUser(), null);
             Connection viaB = DriverManager.getConnection(jdbc(pgB), TestServers.pgUser(), null);
             Statement sa = viaA.createStatement(); Statement sb = viaB.createStatement()) {
            String id = ApprovalFlowIT.changeId(held(sa, drop).getMessage());

            assertThat(b.admin.get("/api/v1/changes/" + id, "alice-token").body()).as("B sees A's request").contains("\"pending\"");
            assertThat(b.admin.approve(id, "alice-token", "checked").status()).isEqualTo(200);
            Cli cli = Cli.run("approvals", "approve", id, "--reason", "agreed", "--url", b.admin.base(), "--token", "bob-token");
            assertThat(cli.exit()).as(cli.toString()).isZero();
            assertThat(a.admin.get("/api/v1/changes/" + id, "alice-token").body()).as("A sees B's approvals").contains("\"approved\"");

            sb.execute(drop);
            assertThat(columnCount()).isZero();
            assertThat(ApprovalFlowIT.changeId(held(sa, drop).getMessage())).as("used once across both gateways").isNotEqualTo(id);
            assertThat(ApprovalFlowIT.changeId(held(sb, drop).getMessage())).isNotEqualTo(id);
        }
        a.signal("TERM");
        b.signal("TERM");
        assertThat(a.awaitExit(60)).as(a.output()).isZero();
        assertThat(b.awaitExit(60)).as(b.output()).isZero();

        Cli verify = Cli.run("audit", "verify", "--config", configA.toString());
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).startsWith("OK: ");
        SharedState shared = new SharedState(new StateConfig.SharedDatabase(stateUrl(), TestServers.pgUser(), null, null));
        List<String> lines = PgAuditLog.lines(shared);
        assertThat(verify.out()).contains("OK: " + lines.size() + " records");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"gateway\":\"gw-a\"", "change_requested"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"gateway\":\"gw-b\"", "change_approved", "\"approver\":\"alice\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"gateway\":\"gw-b\"", "change_approved", "\"approver\":\"bob\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"gateway\":\"gw-a\"", "gateway_stopped"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"gateway\":\"gw-b\"", "gateway_stopped"));
    }

    private String jdbc(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db + "?sslmode=disable";
    }

    private int columnCount() throws SQLException {
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' "
                     + "AND column_name = 'legacy'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
