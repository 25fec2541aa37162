package io.schemagate.gateway.gate;

import io.schemagate.gateway.server.GatewayServer;
import io.schemagate.gateway.testing.GatewayConfigs;
import io.schemagate.gateway.testing.Psql;
import io.schemagate.gateway.testing.RawPgClient;
import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.schemagate.gateway.testing.RawPgClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5, PostgreSQL beyond the simple query outside a transaction block: a schema change sent with
 * the extended protocol (pgjdbc's default mode, so Flyway) or inside a transaction block waits for its
 * lock at most the policy's lock timeout (500 ms here) per attempt, is retried with back-off inside a
 * DO block, succeeds once the blocking transaction ends, and after its attempts gives the client the
 * server's 55P03. The client's session lock_timeout is left as it was, the connection stays usable,
 * a transaction around a retried change goes on, and clients see the statement's own command tag.
 */
@Timeout(120)
class LockGuardRetriesPgIT {

    /** The client's own session setting, which must come out unchanged. */
    private static final String OWN_TIMEOUT = "45s";

    @TempDir
    Path dir;
    String db;
    GatewayServer server;
    int port;

    @BeforeEach
    void start() throws Exception {
        db = TestServers.createPgDatabase("sg_guard_x");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY)");
            s.execute("INSERT INTO t SELECT generate_series(1, 100)");
            s.execute("CREATE TABLE audit_trail (id int PRIMARY KEY)");
        }
        Path policy = dir.resolve("policy.yaml");
        // DO blocks are allowed here so the client's own one can show it keeps its tag.
        Files.writeString(policy, "version: 1\nlock_timeout: 500ms\ndefaults:\n  opaque: allow\n");
        server = new GatewayServer(GatewayConfigs.postgresOnly(dir, policy));
        server.start();
        port = server.boundAddresses().get("postgres").getPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        TestServers.dropPgDatabase(db);
    }

    /** pgjdbc in its default mode: every statement goes as Parse / Bind / Execute / Sync. */
    private Connection app() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db, TestServers.pgUser(), null);
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '" + OWN_TIMEOUT + "'");
        }
        return c;
    }

    /** A long transaction that has read t holds ACCESS SHARE until it ends. */
    private Connection holder() throws SQLException {
        Connection h = TestServers.pgAdmin(db);
        h.setAutoCommit(false);
        try (Statement s = h.createStatement()) {
            s.executeQuery("SELECT count(*) FROM t").close();
        }
        return h;
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static CompletableFuture<Void> async(Statement s, String sql) {
        return CompletableFuture.runAsync(() -> {
            try {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e.getSQLState() + " " + e.getMessage(), e);
            }
        });
    }

    private long columns(String name) throws SQLException {
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            return Long.parseLong(one(s, "SELECT count(*) FROM information_schema.columns WHERE table_name = 't' "
                    + "AND column_name = '" + name + "'"));
        }
    }

    /** What the app's backend runs while its ALTER waits: the DO block, not the bare statement. */
    private String runningAlter(Connection admin) throws SQLException {
        try (Statement a = admin.createStatement()) {
            String[] q = new String[1];
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> (q[0] = one(a,
                    "SELECT max(query) FROM pg_stat_activity WHERE query LIKE '%ADD COLUMN note%' AND pid <> pg_backend_pid()"))
                    != null);
            return q[0];
        }
    }

    @Test
    void theExtendedProtocolIsRetriedUntilTheHolderCommits() throws Exception {
        try (Connection holder = holder(); Connection app = app(); Statement s = app.createStatement();
             Connection admin = TestServers.pgAdmin(db)) {
            long started = System.nanoTime();
            CompletableFuture<Void> alter = async(s, "ALTER TABLE t ADD COLUMN note text");
            assertThat(runningAlter(admin)).startsWith("DO $schemagate$").contains("lock_not_available");
            // A reader queued behind the waiting ALTER gets through within about one lock timeout.
            long readStarted = System.nanoTime();
            try (Statement r = admin.createStatement()) {
                r.execute("SET lock_timeout = '20s'");
                assertThat(one(r, "SELECT count(*) FROM t")).isEqualTo("100");
            }
            long readMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - readStarted);
            Thread.sleep(1500);
            assertThat(alter).as("still retrying after several lock timeouts").isNotDone();
            holder.commit();
            alter.get(30, TimeUnit.SECONDS);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThan(1500);
            assertThat(readMillis).as("the reader waited at most about one lock timeout").isLessThan(3000);
            assertThat(one(s, "SHOW lock_timeout")).as("the client's own setting").isEqualTo(OWN_TIMEOUT);
            assertThat(one(s, "SELECT count(*) FROM t")).isEqualTo("100");
        }
        assertThat(columns("note")).isEqualTo(1);
    }

    @Test
    void theExtendedProtocolEndsInTheServersLockTimeoutErrorAfterItsAttempts() throws Exception {
        try (Connection holder = holder(); Connection app = app(); Statement s = app.createStatement()) {
            long started = System.nanoTime();
            SQLException e = catchThrowableOfType(() -> s.execute("ALTER TABLE t ADD COLUMN never int"), SQLException.class);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat((Throwable) e).as("the ALTER gave up").isNotNull();
            assertThat(e.getSQLState()).isEqualTo("55P03");
            // Five attempts of 500 ms with back-off between them (at most 6 s in all), far below the client's own 45 s.
            assertThat(millis).isBetween(2500L, 15_000L);
            assertThat(one(s, "SHOW lock_timeout")).isEqualTo(OWN_TIMEOUT);
            assertThat(one(s, "SELECT 1")).isEqualTo("1");
            holder.rollback();
        }
        assertThat(columns("never")).isZero();
    }

    @Test
    void insideATransactionBlockTheRetriedChangeJoinsTheClientsTransaction() throws Exception {
        try (Connection holder = holder(); Connection app = app(); Statement s = app.createStatement()) {
            app.setAutoCommit(false);
            s.executeUpdate("INSERT INTO audit_trail VALUES (1)");
            CompletableFuture<Void> alter = async(s, "ALTER TABLE t ADD COLUMN note text");
            Thread.sleep(1500);
            assertThat(alter).as("still retrying after several lock timeouts").isNotDone();
            holder.commit();
            alter.get(30, TimeUnit.SECONDS);
            // The transaction goes on: it sees its own insert and the new column, under its own lock_timeout.
            s.executeUpdate("INSERT INTO t (id, note) VALUES (101, 'after the change')");
            assertThat(one(s, "SELECT count(*) FROM audit_trail")).isEqualTo("1");
            assertThat(one(s, "SHOW lock_timeout")).isEqualTo(OWN_TIMEOUT);
            app.commit();
            app.setAutoCommit(true);
            assertThat(one(s, "SHOW lock_timeout")).isEqualTo(OWN_TIMEOUT);
        }
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            assertThat(one(s, "SELECT note FROM t WHERE id = 101")).isEqualTo("after the change");
            assertThat(one(s, "SELECT count(*) FROM audit_trail")).isEqualTo("1");
        }
    }

    @Test
    void insideATransactionBlockGivingUpFailsTheTransactionAsTheServerWould() throws Exception {
        try (Connection holder = holder(); Connection app = app(); Statement s = app.createStatement()) {
            app.setAutoCommit(false);
            s.executeUpdate("INSERT INTO audit_trail VALUES (2)");
            SQLException e = catchThrowableOfType(() -> s.execute("ALTER TABLE t ADD COLUMN never int"), SQLException.class);
            assertThat((Throwable) e).isNotNull();
            assertThat(e.getSQLState()).isEqualTo("55P03");
            SQLException aborted = catchThrowableOfType(() -> s.executeQuery("SELECT 1"), SQLException.class);
            assertThat(aborted.getSQLState()).as("in_failed_sql_transaction").isEqualTo("25P02");
            app.rollback();
            app.setAutoCommit(true);
            assertThat(one(s, "SHOW lock_timeout")).isEqualTo(OWN_TIMEOUT);
            assertThat(one(s, "SELECT count(*) FROM audit_trail")).isEqualTo("0");
            holder.rollback();
        }
    }

    @Test
    void clientsSeeTheStatementsOwnCommandTag() throws Exception {
        // psql inside a transaction block: a simple query, so a DO block, shown as the statement.
        Psql.Result r = Psql.run("host=127.0.0.1 port=" + port + " user=" + TestServers.pgUser() + " dbname=" + db, Map.of(),
                "BEGIN", "ALTER TABLE t ADD COLUMN a int", "CREATE INDEX t_a ON t (a)", "COMMIT");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().trim()).isEqualTo("BEGIN\nALTER TABLE\nCREATE INDEX\nCOMMIT");
        // The extended protocol, message by message, as pgjdbc sends it.
        try (RawPgClient raw = new RawPgClient(port)) {
            raw.startup(3 << 16, params("user", TestServers.pgUser(), "database", db));
            raw.readUntil('Z');
            raw.extendedQuery("ALTER TABLE t ADD COLUMN b int");
            List<RawPgClient.Message> answer = raw.readUntil('Z');
            assertThat(answer.stream().map(RawPgClient.Message::type).toList()).containsExactly('1', '2', 'n', 'C', 'Z');
            assertThat(answer.get(3).text()).isEqualTo("ALTER TABLE\0");
            raw.extendedQuery("DO $$ BEGIN PERFORM 1; END $$");
            List<RawPgClient.Message> own = raw.readUntil('Z');
            assertThat(own.stream().filter(m -> m.type() == 'C').map(RawPgClient.Message::text).toList())
                    .as("the client's own DO block keeps its tag").containsExactly("DO\0");
        }
    }
}
