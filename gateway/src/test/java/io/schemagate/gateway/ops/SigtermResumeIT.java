package io.schemagate.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while a staged migration is backfilling a 500k-row table: the gateway stops at a batch
 * boundary with its progress saved, writes gateway_stopped and exits 0; started again on the same
 * state, it resumes the migration from the saved batch and completes it. After SIGKILL (no chance to
 * save anything more) a restart resumes from the last saved batch all the same.
 */
class SigtermResumeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int ROWS = 500_000;

    @TempDir
    Path dir;
    String db;
    GatewayProcess gateway;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createPgDatabase("sg_term");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE big (id bigint PRIMARY KEY, v int NOT NULL)");
            s.execute("INSERT INTO big SELECT g, g % 1000 FROM generate_series(1, " + ROWS + ") g");
            s.execute("ANALYZE big");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        TestServers.dropPgDatabase(db);
    }

    private Path config(int pg, int admin) {
        return new OpsConfig(dir)
                .pgListen("127.0.0.1:" + pg)
                .adminListen("127.0.0.1:" + admin)
                .identity("ops", "ops-token", null, null)
                .executor("  target_batch_time: PT0.02S\n")
                .write("schemagate.yaml");
    }

    private JsonNode migration(Admin admin) throws Exception {
        JsonNode all = JSON.readTree(admin.get("/api/v1/migrations", "ops-token").body()).path("migrations");
        assertThat(all.size()).as(all.toString()).isEqualTo(1);
        return all.get(0);
    }

    @Test
    void sigtermStopsAtABatchBoundaryAndARestartCompletesTheMigration() throws Exception {
        int pg = GatewayProcess.freePort();
        int admin = GatewayProcess.freePort();
        Path config = config(pg, admin);
        gateway = GatewayProcess.start(config, admin, "gateway-1.log");
        String jdbc = "jdbc:postgresql://127.0.0.1:" + pg + "/" + db + "?sslmode=disable";
        try (Connection c = DriverManager.getConnection(jdbc, TestServers.pgUser(), null); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE big ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid()");
            SQLWarning w = s.getWarnings();
            assertThat((Throwable) w).as("the client is told about the staged migration").isNotNull();
        }

        JsonNode m = migration(gateway.admin);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (m.path("backfill").path("rows_done").asLong() == 0) {
            assertThat(m.path("state").asText()).as(m.toString()).isIn("waiting", "pending", "running");
            assertThat(System.nanoTime()).as("the backfill made no progress in 120 s: " + m).isLessThan(deadline);
            Thread.sleep(100);
            m = migration(gateway.admin);
        }
        String id = m.path("id").asText();

        gateway.signal("TERM");
        int exit = gateway.awaitExit(60);
        assertThat(exit).as(gateway.output()).isZero();
        assertThat(gateway.output()).contains("gateway stopped");

        JsonNode saved = savedMigration(id);
        assertThat(saved.path("state").asText()).as(saved.toString()).isIn("pending", "paused");
        long rowsDone = saved.path("backfill").path("rows_done").asLong();
        assertThat(rowsDone).as("stopped mid-backfill: " + saved).isBetween(1L, (long) ROWS - 1);
        // At a batch boundary: exactly the rows up to the saved key are filled.
        long lastKey = saved.path("backfill").path("last_key").get(0).asLong();
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE token IS NULL AND id <= " + lastKey + "), "
                     + "count(*) FILTER (WHERE token IS NOT NULL AND id > " + lastKey + ") FROM big")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows up to the saved key left unfilled").isZero();
            assertThat(rs.getLong(2)).as("rows after the saved key filled without being saved").isZero();
        }
        List<String> audit = Files.readAllLines(dir.resolve("audit").resolve("audit.jsonl"));
        assertThat(audit.get(audit.size() - 1)).contains("gateway_stopped");

        gateway = GatewayProcess.start(config, admin, "gateway-2.log");
        m = migration(gateway.admin);
        deadline = System.nanoTime() + 300_000_000_000L;
        while (!m.path("state").asText().equals("completed")) {
            assertThat(m.path("state").asText()).as(m.toString()).isIn("pending", "running");
            assertThat(System.nanoTime()).as("the resumed migration did not complete in 300 s: " + m).isLessThan(deadline);
            Thread.sleep(200);
            m = migration(gateway.admin);
        }
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE token IS NULL), count(DISTINCT token), "
                     + "(SELECT attnotnull FROM pg_attribute WHERE attrelid = 'big'::regclass AND attname = 'token') FROM big")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
            assertThat(rs.getLong(2)).as("a volatile default gives every row its own value").isEqualTo(ROWS);
            assertThat(rs.getBoolean(3)).as("NOT NULL is in place").isTrue();
        }
        assertThat(gateway.output()).contains("resumed 1 unfinished migration");
        Cli v = Cli.run("audit", "verify", "--log", dir.resolve("audit").resolve("audit.jsonl").toString());
        assertThat(v.exit()).as(v.toString()).isZero();
    }

    @Test
    void afterSigkillARestartResumesFromTheLastSavedBatch() throws Exception {
        int pg = GatewayProcess.freePort();
        int admin = GatewayProcess.freePort();
        Path config = config(pg, admin);
        gateway = GatewayProcess.start(config, admin, "gateway-1.log");
        String jdbc = "jdbc:postgresql://127.0.0.1:" + pg + "/" + db + "?sslmode=disable";
        try (Connection c = DriverManager.getConnection(jdbc, TestServers.pgUser(), null); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE big ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid()");
        }
        JsonNode m = migration(gateway.admin);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (m.path("backfill").path("rows_done").asLong() == 0) {
            assertThat(System.nanoTime()).as("the backfill made no progress in 120 s: " + m).isLessThan(deadline);
            Thread.sleep(100);
            m = migration(gateway.admin);
        }
        gateway.signal("KILL");
        assertThat(gateway.awaitExit(60)).isEqualTo(137);

        gateway = GatewayProcess.start(config, admin, "gateway-2.log");
        m = migration(gateway.admin);
        deadline = System.nanoTime() + 300_000_000_000L;
        while (!m.path("state").asText().equals("completed")) {
            assertThat(m.path("state").asText()).as(m.toString()).isIn("pending", "running");
            assertThat(System.nanoTime()).as("the resumed migration did not complete in 300 s: " + m).isLessThan(deadline);
            Thread.sleep(200);
            m = migration(gateway.admin);
        }
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE token IS NULL), count(DISTINCT token) FROM big")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
            assertThat(rs.getLong(2)).isEqualTo(ROWS);
        }
        assertThat(gateway.output()).contains("resumed 1 unfinished migration");
        Cli v = Cli.run("audit", "verify", "--log", dir.resolve("audit").resolve("audit.jsonl").toString());
        assertThat(v.exit()).as(v.toString()).isZero();
    }

    @Test
    void sigtermLetsAStatementInFlightFinishAndRefusesNewConnections() throws Exception {
        int pg = GatewayProcess.freePort();
        int admin = GatewayProcess.freePort();
        gateway = GatewayProcess.start(config(pg, admin), admin, "gateway.log");
        String jdbc = "jdbc:postgresql://127.0.0.1:" + pg + "/" + db + "?sslmode=disable";
        java.util.concurrent.CompletableFuture<String> result = new java.util.concurrent.CompletableFuture<>();
        Thread client = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(jdbc, TestServers.pgUser(), null); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_sleep(4), 'finished' /* in flight at SIGTERM */")) {
                rs.next();
                result.complete(rs.getString(2));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        client.start();
        awaitQueryRunning("in flight at SIGTERM");

        gateway.signal("TERM");
        // New connections are refused while the statement in flight runs on.
        long deadline = System.nanoTime() + 30_000_000_000L;
        boolean refused = false;
        while (!refused && System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(jdbc, TestServers.pgUser(), null)) {
                Thread.sleep(50);
            } catch (java.sql.SQLException e) {
                refused = true;
            }
        }
        assertThat(refused).as("a new connection was refused after SIGTERM").isTrue();
        // The admin listener stays up through the drain and tells load balancers to stop sending.
        Admin.Reply ready = gateway.admin.get("/health/ready", null);
        assertThat(result).as("the 4 s statement is still running (the drain allows 5 s)").isNotDone();
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.body()).contains("the gateway is stopping");
        assertThat(result.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("finished");
        assertThat(gateway.awaitExit(60)).as(gateway.output()).isZero();
        client.join(10_000);
        List<String> audit = Files.readAllLines(dir.resolve("audit").resolve("audit.jsonl"));
        assertThat(audit.get(audit.size() - 1)).contains("gateway_stopped");
    }

    private void awaitQueryRunning(String marker) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                         + "AND query LIKE '%" + marker + "%' AND pid <> pg_backend_pid()")) {
                rs.next();
                if (rs.getInt(1) == 1) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the statement did not start within 30 s");
    }

    private JsonNode savedMigration(String id) throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("state"))) {
            Path file = files.filter(p -> p.getFileName().toString().startsWith(id)).findFirst()
                    .orElseThrow(() -> new AssertionError("no saved state for " + id + " under " + dir.resolve("state")));
            return JSON.readTree(file.toFile());
        }
    }
}
