package io.schemagate.gateway.pg;

import io.schemagate.gateway.testing.LeakWatch;
import io.schemagate.gateway.testing.PgGateway;
import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relay carries every query flow of pgjdbc against the real server, unchanged. */
class PgRelayIT {

    private static PgGateway gateway;
    private static String db;

    @BeforeAll
    static void start() throws Exception {
        db = TestServers.createPgDatabase("relay");
        gateway = PgGateway.toMainServer();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        TestServers.dropPgDatabase(db);
        assertThat(LeakWatch.collect()).isEmpty();
    }

    private static Connection connect() throws SQLException {
        return gateway.connect(db);
    }

    @Test
    void simpleQueryWithSeveralStatementsAndResults() throws Exception {
        Properties p = new Properties();
        p.setProperty("preferQueryMode", "simple");
        try (Connection c = gateway.connect(db, p); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE simple_t (id int primary key, v text); INSERT INTO simple_t VALUES (1, 'a'), (2, 'b')");
            try (ResultSet rs = s.executeQuery("SELECT string_agg(v, ',' ORDER BY id) FROM simple_t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("a,b");
            }
        }
    }

    @Test
    void extendedQueryWithNamedAndUnnamedStatementsAndPortals() throws Exception {
        Properties p = new Properties();
        // Server-side prepared (named) statements from the first execution on.
        p.setProperty("prepareThreshold", "1");
        try (Connection c = gateway.connect(db, p)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE ext_t (id int primary key, v text)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ext_t VALUES (?, ?)")) {
                for (int i = 0; i < 500; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "v" + i);
                    ps.addBatch();
                }
                // One pipelined batch: many Parse/Bind/Execute before one Sync.
                assertThat(Arrays.stream(ps.executeBatch()).sum()).isEqualTo(500);
            }
            for (int round = 0; round < 3; round++) {
                try (PreparedStatement ps = c.prepareStatement("SELECT v FROM ext_t WHERE id = ?")) {
                    ps.setInt(1, 42 + round);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("v" + (42 + round));
                    }
                }
            }
            // A named portal: with autocommit off and a fetch size pgjdbc binds a portal and fetches in steps.
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM ext_t ORDER BY id")) {
                ps.setFetchSize(7);
                long sum = 0;
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sum += rs.getInt(1);
                        n++;
                    }
                }
                assertThat(n).isEqualTo(500);
                assertThat(sum).isEqualTo(499L * 500 / 2);
            }
            c.commit();
        }
    }

    @Test
    void copyFromStdinAndToStdout() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE copy_t (id int, v text)");
            StringBuilder in = new StringBuilder();
            for (int i = 0; i < 10_000; i++) {
                in.append(i).append('\t').append("row ").append(i).append('\n');
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long loaded = copy.copyIn("COPY copy_t FROM STDIN", new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)));
            assertThat(loaded).isEqualTo(10_000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long dumped = copy.copyOut("COPY (SELECT * FROM copy_t ORDER BY id) TO STDOUT", out);
            assertThat(dumped).isEqualTo(10_000);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(in.toString());
        }
    }

    @Test
    void listenNotifyAcrossTwoRelayedSessions() throws Exception {
        try (Connection listener = connect(); Connection notifier = connect()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN relay_channel");
            }
            try (Statement s = notifier.createStatement()) {
                s.execute("NOTIFY relay_channel, 'hello through the gateway'");
            }
            PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(10_000);
            assertThat(got).isNotNull().hasSize(1);
            assertThat(got[0].getName()).isEqualTo("relay_channel");
            assertThat(got[0].getParameter()).isEqualTo("hello through the gateway");
        }
    }

    @Test
    void noticeResponseReachesTheClient() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN RAISE NOTICE 'notice from the server'; END $$");
            SQLWarning w = s.getWarnings();
            assertThat((Throwable) w).isNotNull();
            assertThat(w.getMessage()).contains("notice from the server");
        }
    }

    @Test
    void parameterStatusReachesTheClient() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SET application_name = 'renamed-through-gateway'");
            assertThat(c.unwrap(PGConnection.class).getParameterStatus("application_name"))
                    .isEqualTo("renamed-through-gateway");
            s.execute("SET TimeZone = 'Asia/Tokyo'");
            assertThat(c.unwrap(PGConnection.class).getParameterStatus("TimeZone")).isEqualTo("Asia/Tokyo");
        }
    }

    @Test
    void largeByteaRoundTrip64MiB() throws Exception {
        byte[] big = new byte[64 * 1024 * 1024];
        ThreadLocalRandom.current().nextBytes(big);
        try (Connection c = connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE big_t (id int, b bytea)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO big_t VALUES (1, ?)")) {
                ps.setBytes(1, big);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT b, md5(b) FROM big_t WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                byte[] back = rs.getBytes(1);
                assertThat(back.length).isEqualTo(big.length);
                assertThat(Arrays.equals(back, big)).as("64 MiB came back byte for byte").isTrue();
            }
        }
    }

    @Test
    void serverErrorsArriveUntouched() throws Exception {
        SQLException direct = errorOf(TestServers.pgAdmin(db));
        SQLException relayed = errorOf(connect());
        assertThat(relayed.getSQLState()).isEqualTo("42P01").isEqualTo(direct.getSQLState());
        assertThat(relayed.getMessage()).isEqualTo(direct.getMessage());
        assertThat(((PSQLException) relayed).getServerErrorMessage().getPosition())
                .isEqualTo(((PSQLException) direct).getServerErrorMessage().getPosition());
    }

    private static SQLException errorOf(Connection conn) throws SQLException {
        try (Connection c = conn) {
            SQLException failure;
            try (Statement s = c.createStatement()) {
                s.execute("SELECT * FROM no_such_table_here");
                throw new AssertionError("the query should have failed");
            } catch (SQLException e) {
                failure = e;
            }
            // The connection stays usable after an ERROR.
            try (Statement s = c.createStatement()) {
                assertThat(s.execute("SELECT 1")).isTrue();
            }
            return failure;
        }
    }

    @Test
    void terminateEndsTheServerSession() throws Exception {
        int pid;
        String app = "terminate-" + ThreadLocalRandom.current().nextInt(1_000_000);
        Properties p = new Properties();
        p.setProperty("ApplicationName", app);
        try (Connection c = gateway.connect(db, p); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        // pgjdbc sends Terminate on close; the server backend exits and the gateway drops the session.
        try (Connection admin = TestServers.pgAdmin("postgres");
             PreparedStatement ps = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            long deadline = System.nanoTime() + 10_000_000_000L;
            long alive;
            do {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    alive = rs.getLong(1);
                }
            } while (alive > 0 && System.nanoTime() < deadline);
            assertThat(alive).as("backend %d still alive after Terminate", pid).isZero();
        }
        assertThat(gateway.listener().sessions().byBackendPid(pid)).isNull();
    }

    @Test
    void cancelledQueryStopsWithTheServersError() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            Thread canceller = new Thread(() -> {
                try {
                    waitUntilSleeping();
                    s.cancel();
                } catch (SQLException | InterruptedException e) {
                    // Surfaces as the missing 57014 in the test thread.
                    throw new IllegalStateException("cancel failed: " + e.getMessage(), e);
                }
            }, "canceller");
            canceller.start();
            assertThatThrownBy(() -> s.execute("SELECT pg_sleep(30)"))
                    .isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"))
                    .hasMessageContaining("canceling statement due to user request");
            canceller.join();
            try (ResultSet rs = s.executeQuery("SELECT 2")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    /** Polls pg_stat_activity until the session's pg_sleep is running, so the cancel has something to hit. */
    private static void waitUntilSleeping() throws InterruptedException {
        int pid = -1;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (pid < 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            pid = gateway.listener().sessions().all().stream()
                    .filter(x -> x.backendKey() != null)
                    .mapToInt(x -> x.backendKey().processId())
                    .filter(PgRelayIT::isSleeping)
                    .findFirst().orElse(-1);
        }
        if (pid < 0) {
            throw new IllegalStateException("pg_sleep never started on a relayed session");
        }
    }

    private static boolean isSleeping(int pid) {
        try (Connection admin = TestServers.pgAdmin("postgres");
             PreparedStatement ps = admin.prepareStatement("SELECT query FROM pg_stat_activity WHERE pid = ? AND state = 'active'")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1).contains("pg_sleep(30)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_activity: " + e.getMessage(), e);
        }
    }
}
