package io.schemagate.gateway.ops;

import io.schemagate.gateway.testing.LeakWatch;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code GET /metrics} after real traffic through both listeners, parsed as Prometheus would: every
 * decision is counted by rule, decision and audit latencies are histograms with samples, migrations
 * are reported by state, and connections (open, total, refused) and relayed bytes per protocol.
 */
class MetricsIT {

    static {
        LeakWatch.install();
    }

    static final String POLICY = """
            version: 1
            defaults:
              safe: allow
              unsafe_with_plan: rewrite
              unsafe_without_plan: require_approval
              unknown: require_approval
              opaque: require_approval
              protected: reject
            rules:
              - id: drops-need-approval
                match:
                  operations: [drop-table, drop-column]
                action: require_approval
              - id: no-truncate
                match:
                  operations: [truncate]
                action: reject
                message: "Truncating is not done through the gateway."
              - id: lock-timeout-added-by-gateway
                match:
                  checks: [missing-lock-timeout]
                action: allow
            """;

    @TempDir
    Path dir;
    String db;
    String mysqlDb;
    OpsGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createPgDatabase("sg_metrics");
        mysqlDb = TestServers.createMysqlDatabase("sg_metrics");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY, note text)");
            s.execute("INSERT INTO t SELECT g, 'n' || g FROM generate_series(1, 100) g");
        }
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, POLICY);
        gateway = OpsGateway.start(new OpsConfig(dir).policy(policy).mysqlListen("127.0.0.1:0").write("schemagate.yaml"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        TestServers.dropPgDatabase(db);
        TestServers.dropMysqlDatabase(mysqlDb);
        // The counting handler sits in every client pipeline: it must pass buffers on, never keep one.
        assertThat(LeakWatch.collect()).isEmpty();
    }

    private Prometheus scrape() {
        Admin.Reply r = gateway.admin.get("/metrics", null);
        assertThat(r.status()).isEqualTo(200);
        return new Prometheus(r.body());
    }

    @Test
    void realTrafficShowsUpInTheMetrics() throws Exception {
        Prometheus before = scrape();
        assertThat(before.value("schemagate_connections_total", Map.of("protocol", "postgres"))).isZero();

        try (Connection c = DriverManager.getConnection(gateway.pgJdbc(db), TestServers.pgUser(), null);
             Statement s = c.createStatement()) {
            for (int i = 0; i < 20; i++) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                    rs.next();
                }
            }
            s.execute("CREATE TABLE allowed (id int PRIMARY KEY)");
            s.execute("CREATE INDEX t_note_idx ON t (note)");
            assertThat(catchThrowableOfType(() -> s.execute("DROP TABLE allowed"), SQLException.class).getSQLState())
                    .isEqualTo("55000");
            assertThat(catchThrowableOfType(() -> s.execute("TRUNCATE t"), SQLException.class).getSQLState())
                    .isEqualTo("42501");

            Prometheus open = scrape();
            assertThat(open.value("schemagate_connections_open", Map.of("protocol", "postgres"))).isEqualTo(1);
        }
        // A connection the server refuses (no such database) ends before its session is established.
        SQLException noDb = catchThrowableOfType(() -> DriverManager.getConnection(gateway.pgJdbc("no_such_db_here"),
                TestServers.pgUser(), null), SQLException.class);
        assertThat(noDb.getSQLState()).isEqualTo("3D000");
        String mysqlUrl = "jdbc:mysql://127.0.0.1:" + gateway.mysqlPort() + "/" + mysqlDb + "?useSSL=false&allowPublicKeyRetrieval=true";
        try (Connection c = DriverManager.getConnection(mysqlUrl, TestServers.mysqlUser(), TestServers.mysqlPassword());
             Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
        assertThat((Throwable) catchThrowableOfType(() -> DriverManager.getConnection(mysqlUrl, "no_such_user", "wrong"),
                SQLException.class)).isNotNull();

        Prometheus m = awaitNoOpenConnections();
        assertThat(m.value("schemagate_statements_judged_total", Map.of("decision", "allow"))).isGreaterThanOrEqualTo(1);
        assertThat(m.value("schemagate_statements_judged_total", Map.of("decision", "rewrite", "rule", "defaults.unsafe_with_plan")))
                .isEqualTo(1);
        assertThat(m.value("schemagate_statements_judged_total", Map.of("decision", "require_approval", "rule", "drops-need-approval")))
                .isEqualTo(1);
        assertThat(m.value("schemagate_statements_judged_total", Map.of("decision", "reject", "rule", "no-truncate")))
                .isEqualTo(1);
        // Plain SELECTs are relayed without judgement: they are not counted as judged.
        double judged = m.value("schemagate_statements_judged_total", Map.of());
        assertThat(judged).isLessThan(20);

        assertThat(m.value("schemagate_decision_duration_seconds_count", Map.of())).isEqualTo(judged);
        assertThat(m.value("schemagate_decision_duration_seconds_sum", Map.of())).isPositive();
        assertThat(m.value("schemagate_audit_write_duration_seconds_count", Map.of())).isGreaterThanOrEqualTo(judged);
        assertThat(m.find("schemagate_migrations", Map.of("state", "running"))).hasSize(1);
        assertThat(m.value("schemagate_policy_reloads_total", Map.of("outcome", "success"))).isEqualTo(1);

        for (String protocol : new String[]{"postgres", "mysql"}) {
            Map<String, String> p = Map.of("protocol", protocol);
            assertThat(m.value("schemagate_connections_total", p)).as(protocol).isEqualTo(2);
            assertThat(m.value("schemagate_connections_refused_total", p)).as(protocol).isEqualTo(1);
            assertThat(m.value("schemagate_connections_open", p)).as(protocol).isZero();
            assertThat(m.value("schemagate_relayed_bytes_total", Map.of("protocol", protocol, "direction", "client_to_server")))
                    .as(protocol).isPositive();
            assertThat(m.value("schemagate_relayed_bytes_total", Map.of("protocol", protocol, "direction", "server_to_client")))
                    .as(protocol).isPositive();
        }
        assertThat(m.hasType("schemagate_connections_total", "counter")).isTrue();
        assertThat(m.hasType("schemagate_connections_open", "gauge")).isTrue();
        assertThat(m.hasType("schemagate_relayed_bytes_total", "counter")).isTrue();
        // Every name docs/operations.md lists is served.
        assertThat(m.hasType("schemagate_decision_duration_seconds", "summary")).isTrue();
        assertThat(m.hasType("schemagate_audit_write_duration_seconds", "summary")).isTrue();
        assertThat(m.hasType("schemagate_audit_write_failures_total", "counter")).isTrue();
        assertThat(m.hasType("schemagate_backfill_rows_total", "counter")).isTrue();
        assertThat(m.hasType("schemagate_backfill_rate_rows_per_second", "gauge")).isTrue();
        assertThat(m.hasType("schemagate_replica_lag_seconds", "gauge")).isTrue();
        assertThat(m.hasType("schemagate_connections_refused_total", "counter")).isTrue();
    }

    /** Client closes reach the gateway asynchronously: scrape until the open gauges are back to zero. */
    private Prometheus awaitNoOpenConnections() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Prometheus m = scrape();
        while (System.nanoTime() < deadline
                && (m.value("schemagate_connections_open", Map.of("protocol", "postgres")) > 0
                || m.value("schemagate_connections_open", Map.of("protocol", "mysql")) > 0)) {
            Thread.sleep(50);
            m = scrape();
        }
        return m;
    }
}
