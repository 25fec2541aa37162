package io.schemagate.gateway.ops;

import io.schemagate.gateway.testing.Psql;
import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The approval workflow end to end through a real gateway: a destructive statement sent with pgjdbc,
 * psql or Connector/J is held with the change id, two other people approve it over the admin API or
 * the CLI, the retried statement runs once, and self-approval, bad tokens and expiry are refused.
 */
class ApprovalFlowIT {

    static final Pattern CHANGE_ID = Pattern.compile("chg_[a-z0-9]{12}");

    /** Drops need two approvers from the dba group; everything else as the built-in policy. */
    static final String POLICY = """
            version: 1
            defaults:
              safe: allow
              unsafe_with_plan: rewrite
              unsafe_without_plan: require_approval
              unknown: require_approval
              opaque: require_approval
              protected: reject
            approvers:
              dba: [alice, bob, dave]
            rules:
              - id: drops-need-two-dbas
                match:
                  operations: [drop-table, drop-column]
                action: require_approval
                approvals: { count: 2, groups: [dba] }
                message: "Dropping loses data for good: two DBAs must approve it."
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
        db = TestServers.createPgDatabase("sg_appr");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, note text, legacy text)");
            s.execute("CREATE TABLE old_orders (id int PRIMARY KEY)");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        TestServers.dropPgDatabase(db);
        if (mysqlDb != null) {
            TestServers.dropMysqlDatabase(mysqlDb);
        }
    }

    /** Writes the policy and a configuration with alice, bob and dave (dave is the database user postgres). */
    static Path config(Path dir, String ttl, boolean mysql) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, POLICY);
        OpsConfig c = new OpsConfig(dir)
                .policy(policy)
                .identity("alice", "alice-token", null, null)
                .identity("bob", "bob-token", null, null)
                .identity("dave", "dave-token", TestServers.pgUser() + ", " + TestServers.mysqlUser(), null)
                .state("state:\n  dir: " + dir.resolve("state") + "\n  approval_ttl: " + ttl + "\n");
        if (mysql) {
            c.mysqlListen("127.0.0.1:0");
        }
        return c.write("schemagate.yaml");
    }

    static String changeId(String text) {
        Matcher m = CHANGE_ID.matcher(text);
        assertThat(m.find()).as("a change id in: " + text).isTrue();
        return m.group();
    }

    private Connection pg() throws SQLException {
        return DriverManager.getConnection(gateway.pgJdbc(db), TestServers.pgUser(), null);
    }

    private static SQLException held(Statement s, String sql) {
        SQLException e = catchThrowableOfType(() -> s.execute(sql), SQLException.class);
        assertThat((Throwable) e).as(sql + " should be held").isNotNull();
        assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("55000");
        return e;
    }

    private static boolean columnExists(String db, String table, String column) throws SQLException {
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = '"
                     + table + "' AND column_name = '" + column + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    @Test
    void heldDropRunsOnceAfterTwoOtherPeopleApprove() throws Exception {
        gateway = OpsGateway.start(config(dir, "PT1H", false));
        String drop = "ALTER TABLE orders DROP COLUMN legacy";
        try (Connection c = pg(); Statement s = c.createStatement()) {
            SQLException e = held(s, drop);
            ServerErrorMessage m = ((PSQLException) e).getServerErrorMessage();
            String id = changeId(m.getMessage());
            assertThat(m.getDetail()).contains("drops-need-two-dbas");
            assertThat(m.getHint()).contains(id).contains("2 approvals from dba");

            // Refusals: no token or a wrong one, and the requester approving their own change.
            assertThat(gateway.admin.approve(id, "not-a-token", "let me").status()).isEqualTo(401);
            assertThat(gateway.admin.approve(id, null, "let me").status()).isEqualTo(401);
            Admin.Reply self = gateway.admin.approve(id, "dave-token", "my own change");
            assertThat(self.status()).as(self.body()).isEqualTo(403);
            assertThat(self.body()).contains("cannot approve");

            // One of two approvals: still held (a new request), and nothing ran.
            Admin.Reply first = gateway.admin.approve(id, "alice-token", "checked: nothing reads legacy");
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.body()).contains("\"pending\"");
            assertThat(changeId(held(s, drop).getMessage())).isNotEqualTo(id);
            assertThat(columnExists(db, "orders", "legacy")).isTrue();
            assertThat(gateway.admin.approve(id, "alice-token", "again").status()).as("one vote each").isEqualTo(409);

            // The second approval through the CLI, as a person would.
            Cli cli = Cli.run("approvals", "approve", id, "--reason", "agreed with alice",
                    "--url", gateway.admin.base(), "--token", "bob-token");
            assertThat(cli.exit()).as(cli.toString()).isZero();
            Admin.Reply shown = gateway.admin.get("/api/v1/changes/" + id, "alice-token");
            assertThat(shown.body()).contains("\"approved\"");

            s.execute(drop);
            assertThat(columnExists(db, "orders", "legacy")).isFalse();
            assertThat(gateway.admin.get("/api/v1/changes/" + id, "alice-token").body()).contains("\"used\"");

            // Single use: the same statement again is held again, it does not run a second time.
            assertThat(changeId(held(s, drop).getMessage())).isNotEqualTo(id);
        }
        String audit = Files.readString(dir.resolve("audit").resolve("audit.jsonl"));
        assertThat(audit).contains("change_requested", "change_approved", "\"approver\":\"alice\"", "\"approver\":\"bob\"");
        Cli verify = Cli.run("audit", "verify", "--log", dir.resolve("audit").resolve("audit.jsonl").toString());
        assertThat(verify.exit()).as(verify.toString()).isZero();
    }

    @Test
    void psqlShowsTheHeldChangeAndRunsItAfterApproval() throws Exception {
        gateway = OpsGateway.start(config(dir, "PT1H", false));
        String conninfo = gateway.psqlConninfo(db, TestServers.pgUser());
        Psql.Result r = Psql.run(conninfo, Map.of(), "DROP TABLE old_orders");
        assertThat(r.exitCode()).as(r.stdout()).isNotZero();
        String id = changeId(r.stderr());
        assertThat(r.stderr())
                .contains("ERROR:  schemagate: this change needs approval: change " + id)
                .contains("DETAIL:").contains("drops-need-two-dbas")
                .contains("HINT:").contains("schemagate approvals approve " + id);

        assertThat(gateway.admin.approve(id, "alice-token", "table unused since 2024").status()).isEqualTo(200);
        assertThat(gateway.admin.approve(id, "bob-token", "confirmed").status()).isEqualTo(200);
        Psql.Result ran = Psql.run(conninfo, Map.of(), "DROP TABLE old_orders");
        assertThat(ran.exitCode()).as(ran.stderr()).isZero();
        assertThat(ran.stdout()).contains("DROP TABLE");
    }

    @Test
    void anApprovalNotUsedInTimeLapses() throws Exception {
        gateway = OpsGateway.start(config(dir, "PT3S", false));
        String drop = "ALTER TABLE orders DROP COLUMN note";
        try (Connection c = pg(); Statement s = c.createStatement()) {
            String id = changeId(held(s, drop).getMessage());
            assertThat(gateway.admin.approve(id, "alice-token", "ok").status()).isEqualTo(200);
            assertThat(gateway.admin.approve(id, "bob-token", "ok").status()).isEqualTo(200);
            String expires = field(gateway.admin.get("/api/v1/changes/" + id, "alice-token").body(), "expires_at");
            waitUntilAfter(Instant.parse(expires));

            String again = changeId(held(s, drop).getMessage());
            assertThat(again).isNotEqualTo(id);
            assertThat(columnExists(db, "orders", "note")).isTrue();
            assertThat(gateway.admin.get("/api/v1/changes/" + id, "alice-token").body()).contains("\"expired\"");
        }
        assertThat(Files.readString(dir.resolve("audit").resolve("audit.jsonl"))).contains("change_expired");
    }

    @Test
    void connectorJAgainstMariaDbIsHeldWith1644AndRunsAfterApproval() throws Exception {
        mysqlDb = TestServers.createMysqlDatabase("sg_appr");
        try (Connection c = TestServers.mysqlAdmin(mysqlDb); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, legacy varchar(10))");
            s.execute("CREATE TABLE old_orders (id int PRIMARY KEY)");
        }
        gateway = OpsGateway.start(config(dir, "PT1H", true));
        String url = "jdbc:mysql://127.0.0.1:" + gateway.mysqlPort() + "/" + mysqlDb + "?useSSL=false&allowPublicKeyRetrieval=true";
        String drop = "ALTER TABLE orders DROP COLUMN legacy";
        try (Connection c = DriverManager.getConnection(url, TestServers.mysqlUser(), TestServers.mysqlPassword());
             Statement s = c.createStatement()) {
            SQLException e = catchThrowableOfType(() -> s.execute(drop), SQLException.class);
            assertThat((Throwable) e).isNotNull();
            assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1644);
            assertThat(e.getSQLState()).as("MySQL's state for 1644, as docs/errors.md says").isEqualTo("45000");
            String id = changeId(e.getMessage());
            assertThat(gateway.admin.approve(id, "dave-token", "mine").status()).isEqualTo(403);
            assertThat(gateway.admin.approve(id, "alice-token", "ok").status()).isEqualTo(200);
            assertThat(gateway.admin.approve(id, "bob-token", "ok").status()).isEqualTo(200);
            s.execute(drop);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_schema = '"
                    + mysqlDb + "' AND table_name = 'orders' AND column_name = 'legacy'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            SQLException again = catchThrowableOfType(() -> s.execute(drop), SQLException.class);
            assertThat(again.getErrorCode()).isEqualTo(1644);
        }
        // What a person at the mariadb prompt sees.
        String shown = mariadb(gateway.mysqlPort(), mysqlDb, "DROP TABLE old_orders");
        assertThat(shown).contains("ERROR 1644 (45000)").contains("schemagate: this change needs approval: change chg_");
    }

    /** Runs the {@code mariadb} client against the gateway and returns what it printed (it exits 1 on the error). */
    static String mariadb(int port, String db, String sql) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("mariadb", "--no-defaults", "--protocol=tcp",
                "-h", "127.0.0.1", "-P", Integer.toString(port), "-u", TestServers.mysqlUser(), "--batch", db, "-e", sql));
        if (!TestServers.mysqlPassword().isEmpty()) {
            cmd.add("-p" + TestServers.mysqlPassword());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mariadb did not finish within 60 s");
        }
        assertThat(p.exitValue()).as(out).isNotZero();
        return out;
    }

    static String field(String json, String name) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path(name).asText();
    }

    /** Waits, without asserting anything about speed, until the wall clock is past {@code t}. */
    static void waitUntilAfter(Instant t) throws InterruptedException {
        while (!Instant.now().isAfter(t.plusMillis(50))) {
            Thread.sleep(100);
        }
    }
}
