package io.schemagate.gateway.mysql;

import io.schemagate.config.HostPort;
import io.schemagate.config.ServiceAccount;
import io.schemagate.gateway.approval.ApprovalService;
import io.schemagate.gateway.approval.FileChangeStore;
import io.schemagate.gateway.audit.FileAuditLog;
import io.schemagate.gateway.executor.FileMigrationStore;
import io.schemagate.gateway.executor.MigrationExecutor;
import io.schemagate.gateway.executor.MySqlServiceDatabase;
import io.schemagate.gateway.gate.GatewayGate;
import io.schemagate.gateway.gate.Judges;
import io.schemagate.gateway.gate.ServerVersions;
import io.schemagate.gateway.metrics.GatewayMetrics;
import io.schemagate.gateway.testing.TestServers;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.rule.Judge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5, MySQL protocol: a schema change sent through the gateway waits for its metadata lock at
 * most the policy's lock timeout (1 s here) per attempt, is sent again with back-off on error 1205,
 * succeeds once the blocking transaction ends, and after its attempts gives the client the server's
 * 1205; the client's own lock_wait_timeout is left as it was and the connection stays usable.
 *
 * <p>Each case runs in both forms against MariaDB: {@code mariadb} (the gateway reads the server's
 * version and uses {@code SET STATEMENT ... FOR}) and {@code mysql8} (the gateway knows no server
 * version, so it assumes MySQL 8.0 and sets and restores the session's lock_wait_timeout with hidden
 * statements, which are valid MariaDB as well).
 */
@ExtendWith(NoNettyLeaks.class)
@Timeout(120)
class LockGuardMySqlIT {

    /** The client's own session setting, which must come out unchanged. */
    private static final int OWN_TIMEOUT = 77;

    @TempDir
    Path dir;
    String db;
    FileAuditLog audit;
    MigrationExecutor executor;
    ExecutorService pool;
    GatewayUnderTest gateway;

    void start(String form) throws Exception {
        db = TestServers.createMysqlDatabase("sg_guard");
        try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id bigint PRIMARY KEY, qty int NOT NULL)");
            s.execute("INSERT INTO t SELECT seq, 1 FROM seq_1_to_100");
        }
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "version: 1\nlock_timeout: 1s\n");
        Judge judge = Judges.judge(Judges.policy(policy), Clock.systemUTC());
        audit = FileAuditLog.open(dir.resolve("audit.jsonl"), "gw", null, Clock.systemUTC());
        ApprovalService approvals = new ApprovalService(new FileChangeStore(dir.resolve("changes")), audit,
                Clock.systemUTC(), Duration.ofHours(1));
        executor = new MigrationExecutor(new FileMigrationStore(dir.resolve("migrations")), audit, Map.of(),
                new MigrationExecutor.Settings(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(1), 3),
                Clock.systemUTC(), 1);
        ServerVersions versions = form.equals("mariadb")
                ? new ServerVersions(Map.of(Dialect.MYSQL, new MySqlServiceDatabase(HostPort.parse(TestServers.mysqlHostPort(),
                        "upstream"), new ServiceAccount(TestServers.mysqlUser(), null, null), List.of())))
                : new ServerVersions(Map.of());
        pool = Executors.newFixedThreadPool(2);
        GatewayGate gate = new GatewayGate(() -> judge, audit, new GatewayMetrics(), approvals, executor, versions,
                Map.of(Dialect.MYSQL, TestServers.mysqlHostPort()), pool);
        gateway = GatewayUnderTest.to(TestServers.mysqlHostPort()).gate(gate).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
            executor.close();
            audit.close();
            pool.shutdownNow();
            TestServers.dropMysqlDatabase(db);
        }
    }

    private Connection client() throws SQLException {
        Connection c = DriverManager.getConnection(gateway.jdbcUrl(db, "sslMode=DISABLED&allowPublicKeyRetrieval=true"),
                TestServers.mysqlUser(), TestServers.mysqlPassword());
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = " + OWN_TIMEOUT);
        }
        return c;
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A transaction that has read the table holds its shared metadata lock until it ends. */
    private Connection holder() throws SQLException {
        Connection h = TestServers.mysqlAdmin(db);
        h.setAutoCommit(false);
        try (Statement s = h.createStatement()) {
            s.executeQuery("SELECT count(*) FROM t").close();
        }
        return h;
    }

    private static void assertSessionUntouched(Statement s) throws SQLException {
        assertThat(one(s, "SELECT @@SESSION.lock_wait_timeout")).as("the client's own setting").isEqualTo("" + OWN_TIMEOUT);
        assertThat(one(s, "SELECT @schemagate_lock_wait_timeout")).as("the gateway's variable is cleared").isNull();
        assertThat(one(s, "SELECT 1")).as("the connection is usable").isEqualTo("1");
    }

    /** As allowed by the policy (it names its algorithm), and as the in-band step of a staged rewrite (the gate adds one). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mariadb | ALTER TABLE t ADD COLUMN note varchar(20), ALGORITHM=INSTANT",
            "mysql8  | ALTER TABLE t ADD COLUMN note varchar(20), ALGORITHM=INSTANT",
            "mariadb | ALTER TABLE t ADD COLUMN note varchar(20)",
            "mysql8  | ALTER TABLE t ADD COLUMN note varchar(20)"})
    void aBlockedSchemaChangeIsRetriedAndSucceedsOnceTheHolderCommits(String form, String alterSql) throws Exception {
        start(form);
        try (Connection holder = holder(); Connection client = client(); Statement s = client.createStatement()) {
            long started = System.nanoTime();
            CompletableFuture<Void> alter = CompletableFuture.runAsync(() -> {
                try {
                    s.execute(alterSql);
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getErrorCode() + " " + e.getMessage(), e);
                }
            });
            Thread.sleep(300);
            // An application write arriving while the ALTER waits queues behind it for one attempt at most.
            long writeStarted = System.nanoTime();
            try (Connection w = TestServers.mysqlAdmin(db); Statement ws = w.createStatement()) {
                assertThat(ws.executeUpdate("INSERT INTO t (id, qty) VALUES (1001, 1)")).isEqualTo(1);
            }
            long writeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - writeStarted);
            // What the server runs shows the form: the statement-scoped setting, or the client's own text.
            try (Connection a = TestServers.mysqlAdmin(db); Statement as = a.createStatement()) {
                String[] running = new String[1];
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> (running[0] = one(as,
                        "SELECT max(INFO) FROM information_schema.PROCESSLIST WHERE INFO LIKE '%ADD COLUMN note%' "
                                + "AND ID <> CONNECTION_ID()")) != null);
                assertThat(running[0]).startsWith(form.equals("mariadb")
                        ? "SET STATEMENT lock_wait_timeout=1 FOR ALTER TABLE t ADD COLUMN note varchar(20)"
                        : "ALTER TABLE t ADD COLUMN note varchar(20)");
            }
            Thread.sleep(1500);
            assertThat(alter).as("still retrying after more than two lock timeouts").isNotDone();
            holder.commit();
            alter.get(30, TimeUnit.SECONDS);
            if (!alterSql.contains("ALGORITHM")) {
                // The gate's notice is the statement's warning: its SIGNAL runs after the guard's hidden
                // restore (mysql8 form), which would otherwise have cleared it.
                assertThat(String.valueOf(s.getWarnings())).contains("schemagate: ran the safe form instead");
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThan(2500);
            assertThat(writeMillis).as("the write waited at most about one lock timeout").isLessThan(3000);
            assertSessionUntouched(s);
        }
        try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement()) {
            assertThat(one(s, "SELECT count(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_NAME = 't' AND COLUMN_NAME = 'note'")).isEqualTo("1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql8"})
    void aLockThatIsNeverReleasedEndsInTheServersError1205(String form) throws Exception {
        start(form);
        try (Connection holder = holder(); Connection client = client(); Statement s = client.createStatement()) {
            long started = System.nanoTime();
            SQLException e = catchThrowableOfType(() -> s.execute("ALTER TABLE t ADD COLUMN never int"), SQLException.class);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat((Throwable) e).as("the ALTER gave up").isNotNull();
            assertThat(e.getErrorCode()).isEqualTo(1205);
            // Five attempts of 1 s each with back-off between them, far below the client's own 77 s.
            assertThat(millis).isBetween(5000L, 30_000L);
            assertSessionUntouched(s);
            holder.rollback();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql8"})
    void insideATransactionTheTimeoutHoldsButNothingIsRetried(String form) throws Exception {
        start(form);
        try (Connection holder = holder(); Connection client = client(); Statement s = client.createStatement()) {
            client.setAutoCommit(false);
            s.executeUpdate("INSERT INTO t (id, qty) VALUES (2001, 1)");
            long started = System.nanoTime();
            SQLException e = catchThrowableOfType(() -> s.execute("ALTER TABLE t ADD COLUMN never int"), SQLException.class);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat((Throwable) e).isNotNull();
            assertThat(e.getErrorCode()).isEqualTo(1205);
            assertThat(millis).as("one attempt of 1 s").isBetween(900L, 4000L);
            client.setAutoCommit(true);
            assertSessionUntouched(s);
            holder.rollback();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql8"})
    void theCommandLineClientSeesOnlyItsOwnResults(String form) throws Exception {
        start(form);
        Cli.Result r = Cli.mariadb(gateway.port(), TestServers.mysqlUser(), TestServers.mysqlPassword(), db, "-e",
                "SET SESSION lock_wait_timeout = 33; CREATE TABLE u (id int); SELECT @@SESSION.lock_wait_timeout AS own");
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out().trim()).isEqualTo("own\n33");
    }
}
