package io.schemagate.gateway.ops;

import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy file changes under a gateway with clients running: a good file takes effect for new
 * statements, a broken one is refused (old policy stays, readiness, audit and metrics say so), and
 * SIGHUP reloads a separate gateway process. A client doing SELECTs the whole time sees no error.
 */
class PolicyHotReloadIT {

    static final String BASE = """
            version: 1
            defaults:
              safe: allow
              unsafe_with_plan: rewrite
              unsafe_without_plan: require_approval
              unknown: require_approval
              opaque: require_approval
              protected: reject
            rules:
              - id: lock-timeout-added-by-gateway
                match:
                  checks: [missing-lock-timeout]
                action: allow
            """;

    static final String NO_NEW_TABLES = BASE + """
              - id: no-new-tables-today
                match:
                  operations: [create-table]
                action: reject
                message: "No new tables during the freeze."
            """;

    static final String BROKEN = NO_NEW_TABLES + """
              - id: broken-rule
                match:
                  operations: [no-such-operation]
                action: explode
            """;

    @TempDir
    Path dir;
    String db;
    OpsGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createPgDatabase("sg_reload");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY)");
            s.execute("INSERT INTO t VALUES (1)");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        TestServers.dropPgDatabase(db);
    }

    /** Replaces the file as deploy tools do: write a new file, rename it over the old one. */
    static void replace(Path policy, String text) throws Exception {
        Path tmp = policy.resolveSibling(policy.getFileName() + ".new");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, policy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    static double reloads(Admin admin, String outcome) {
        // Both outcomes are served from the start (at 0), so an alert on failures works before the first one.
        return new Prometheus(admin.get("/metrics", null).body()).value("schemagate_policy_reloads_total", Map.of("outcome", outcome));
    }

    @Test
    void goodAndBrokenPoliciesWhileClientsKeepRunning() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, BASE);
        gateway = OpsGateway.start(new OpsConfig(dir).policy(policy).write("schemagate.yaml"));
        Path audit = dir.resolve("audit").resolve("audit.jsonl");

        AtomicLong selects = new AtomicLong();
        AtomicReference<Throwable> clientError = new AtomicReference<>();
        Thread client = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(gateway.pgJdbc(db), TestServers.pgUser(), null);
                 Statement s = c.createStatement()) {
                while (!Thread.currentThread().isInterrupted()) {
                    try (ResultSet rs = s.executeQuery("SELECT id FROM t")) {
                        rs.next();
                        if (rs.getInt(1) != 1) {
                            throw new AssertionError("wrong row");
                        }
                    }
                    selects.incrementAndGet();
                }
            } catch (Throwable e) {
                clientError.set(e);
            }
        }, "selecting-client");
        client.start();
        try (Connection c = DriverManager.getConnection(gateway.pgJdbc(db), TestServers.pgUser(), null);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE before_freeze (id int)");

            replace(policy, NO_NEW_TABLES);
            await("the good policy is loaded", () -> reloads(gateway.admin, "success") >= 2);
            SQLException refused = sqlError(() -> s.execute("CREATE TABLE during_freeze (id int)"));
            assertThat(refused.getSQLState()).isEqualTo("42501");
            assertThat(refused.getMessage()).contains("No new tables during the freeze");

            replace(policy, BROKEN);
            await("the broken policy is refused", () -> gateway.admin.get("/health/ready", null).status() == 503);
            Admin.Reply ready = gateway.admin.get("/health/ready", null);
            assertThat(ready.body()).contains("policy " + policy + " was refused", "previous policy stays in force");
            assertThat(reloads(gateway.admin, "failure")).isEqualTo(1);
            assertThat(Files.readString(audit)).contains("policy_reload_failed");
            // The policy in force is still the last good one.
            assertThat(sqlError(() -> s.execute("CREATE TABLE still_frozen (id int)")).getMessage())
                    .contains("No new tables during the freeze");

            replace(policy, BASE);
            await("the fixed policy is loaded", () -> gateway.admin.get("/health/ready", null).status() == 200);
            s.execute("CREATE TABLE after_freeze (id int)");
            long seen = selects.get();
            await("the client is still selecting", () -> selects.get() > seen + 10);
        } finally {
            client.interrupt();
            client.join(30_000);
        }
        assertThat(clientError.get()).as("the selecting client saw an error").isNull();
        assertThat(selects.get()).isPositive();
    }

    @Test
    void sighupReloadsTheSeparateProcess() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, BASE);
        int pg = GatewayProcess.freePort();
        int admin = GatewayProcess.freePort();
        Path config = new OpsConfig(dir).policy(policy).pgListen("127.0.0.1:" + pg).adminListen("127.0.0.1:" + admin)
                .write("schemagate.yaml");
        try (GatewayProcess gw = GatewayProcess.start(config, admin, "gateway.log")) {
            assertThat(reloads(gw.admin, "success")).isEqualTo(1);
            // The file is not touched, so only the signal can cause this reload.
            gw.signal("HUP");
            await("SIGHUP reloads the policy", () -> reloads(gw.admin, "success") == 2);
            assertThat(gw.output()).contains("SIGHUP: reloading the policy");
            assertThat(gw.alive()).isTrue();

            // A broken file stays refused on SIGHUP as well, and the process keeps running.
            Files.writeString(policy, BROKEN);
            await("the broken policy is refused", () -> reloads(gw.admin, "failure") >= 1);
            double failures = reloads(gw.admin, "failure");
            gw.signal("HUP");
            await("SIGHUP tries again", () -> reloads(gw.admin, "failure") == failures + 1);
            assertThat(gw.admin.get("/health/ready", null).status()).isEqualTo(503);
            String jdbc = "jdbc:postgresql://127.0.0.1:" + pg + "/" + db + "?sslmode=disable";
            try (Connection c = DriverManager.getConnection(jdbc, TestServers.pgUser(), null); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE base_policy_still_allows (id int)");
            }
        }
    }

    private static SQLException sqlError(SqlAction a) {
        try {
            a.run();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected the statement to be refused");
    }

    @FunctionalInterface
    interface SqlAction {
        void run() throws SQLException;
    }
}
