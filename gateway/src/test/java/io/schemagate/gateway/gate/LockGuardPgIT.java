package io.schemagate.gateway.gate;

import io.schemagate.gateway.server.GatewayServer;
import io.schemagate.gateway.testing.GatewayConfigs;
import io.schemagate.gateway.testing.Psql;
import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A schema change forwarded through the gateway waits for its lock at most the policy's lock timeout
 * (2 s in the built-in policy), so queries behind it do not pile up; it is retried and succeeds once
 * the blocking transaction ends, and the client's own session settings are left alone.
 */
@org.junit.jupiter.api.Timeout(180)
class LockGuardPgIT {

    @TempDir
    Path dir;
    String db;
    GatewayServer server;
    String url;

    @BeforeEach
    void start() throws Exception {
        db = TestServers.createPgDatabase("sg_guard");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY)");
            s.execute("INSERT INTO t SELECT generate_series(1, 100)");
        }
        server = new GatewayServer(GatewayConfigs.postgresOnly(dir, null));
        server.start();
        // The simple query protocol outside a transaction block (psql, and pgjdbc in this mode): SET LOCAL
        // and the listener's retries. LockGuardRetriesPgIT covers the extended protocol and transaction blocks.
        url = "jdbc:postgresql://127.0.0.1:" + server.boundAddresses().get("postgres").getPort() + "/" + db
                + "?preferQueryMode=simple";
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        TestServers.dropPgDatabase(db);
    }

    @Test
    void aBlockedSchemaChangeLetsOthersThroughAndSucceedsOnRetry() throws Exception {
        try (Connection blocker = TestServers.pgAdmin(db); Connection app = DriverManager.getConnection(url, TestServers.pgUser(), null);
             Connection reader = TestServers.pgAdmin(db)) {
            // A long transaction holds a lock on t, as an idle-in-transaction session would.
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("SELECT count(*) FROM t");
            }
            app.setAutoCommit(true);
            reader.createStatement().execute("SET lock_timeout = '20s'");
            CompletableFuture<Void> alter = CompletableFuture.runAsync(() -> {
                try (Statement s = app.createStatement()) {
                    s.execute("ALTER TABLE t ADD COLUMN note text");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            // While the ALTER waits (and retries), a plain reader is never stuck behind it for long:
            // its ACCESS EXCLUSIVE request is withdrawn after each lock timeout.
            Thread.sleep(500);
            long started = System.nanoTime();
            try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(100);
            }
            long readerWaitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(alter).isNotDone();
            blocker.commit();
            alter.get(60, TimeUnit.SECONDS);
            assertThat(readerWaitedMillis).as("the reader waited at most about one lock timeout").isLessThan(10_000);
            try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery("SHOW lock_timeout")) {
                rs.next();
                assertThat(rs.getString(1)).as("the client's session setting is untouched").isEqualTo("0");
            }
        }
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'note'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
    }

    @Test
    void psqlSeesOnlyItsOwnStatementsResult() throws Exception {
        int port = server.boundAddresses().get("postgres").getPort();
        Psql.Result r = Psql.run("host=127.0.0.1 port=" + port + " user=" + TestServers.pgUser() + " dbname=" + db, Map.of(),
                "ALTER TABLE t ADD COLUMN other int");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().trim()).isEqualTo("ALTER TABLE");
    }

    @Test
    void aStagedFormWithSeveralInBandStatementsShowsOneResult() throws Exception {
        int port = server.boundAddresses().get("postgres").getPort();
        Psql.Result r = Psql.run("host=127.0.0.1 port=" + port + " user=" + TestServers.pgUser() + " dbname=" + db, Map.of(),
                "ALTER TABLE t ADD COLUMN n bigserial");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().trim()).isEqualTo("ALTER TABLE");
        assertThat(r.stderr()).contains("NOTICE:  schemagate: staged migration mig_");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT attnotnull FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'n'")) {
                return rs.next() && rs.getBoolean(1);
            }
        });
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(DISTINCT n), count(*) FILTER (WHERE n IS NULL) FROM t")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(100);
            assertThat(rs.getLong(2)).isZero();
        }
    }

    @Test
    void aLockThatIsNeverReleasedEndsInTheServersLockTimeoutError() throws Exception {
        try (Connection blocker = TestServers.pgAdmin(db); Connection app = DriverManager.getConnection(url, TestServers.pgUser(), null)) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE t IN ACCESS SHARE MODE");
            }
            try (Statement s = app.createStatement()) {
                s.execute("ALTER TABLE t ADD COLUMN never int");
                throw new AssertionError("the ALTER should have given up");
            } catch (SQLException e) {
                assertThat(e.getSQLState()).isEqualTo("55P03");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                    return rs.next();
                }
            });
            blocker.rollback();
        }
    }
}
