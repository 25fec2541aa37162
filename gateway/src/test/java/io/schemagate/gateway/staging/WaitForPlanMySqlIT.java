package io.schemagate.gateway.staging;

import io.schemagate.config.HostPort;
import io.schemagate.config.ServiceAccount;
import io.schemagate.gateway.executor.Migration;
import io.schemagate.gateway.executor.MySqlServiceDatabase;
import io.schemagate.gateway.mysql.Cli;
import io.schemagate.gateway.testing.LeakWatch;
import io.schemagate.gateway.testing.TestServers;
import io.schemagate.policy.ddl.TableRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.schemagate.gateway.staging.StagedAddColumnPgIT.one;
import static io.schemagate.gateway.staging.StagedAddColumnPgIT.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5 (c), MariaDB: with {@code wait: true} the client's OK comes only once the migration is done,
 * carrying the closing notice as its warning; MySQL has no progress message, so the client just
 * waits. A migration that stops short (paused here) gives an ERR naming it instead.
 */
class WaitForPlanMySqlIT {

    private static final int ROWS = 200_000;
    private static final String ALTER = "ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (FLOOR(RAND()*100))";

    @TempDir
    Path dir;
    String db;
    StagingGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createMysqlDatabase("sg_wait_my");
        try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, qty int NOT NULL) ENGINE=InnoDB");
            s.execute("INSERT INTO orders SELECT seq, seq % 7 FROM seq_1_to_" + ROWS);
            s.execute("ANALYZE TABLE orders");
        }
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                version: 1
                rules:
                  - id: stage-and-wait
                    match: { has_plan: true }
                    action: rewrite
                    wait: true
                """);
        gateway = StagingGateway.start(dir, Duration.ofMillis(50), Duration.ofSeconds(2), policy);
    }

    @AfterAll
    static void noBufferLeaked() {
        assertThat(LeakWatch.collect()).as("Netty buffers never released").isEmpty();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        TestServers.dropMysqlDatabase(db);
    }

    @Test
    void connectorJGetsItsOkOnlyOnceTheColumnIsNotNullAndBackfilled() throws Exception {
        try (Connection c = gateway.mysql(db); Statement s = c.createStatement()) {
            s.execute(ALTER);
            SQLWarning w = s.getWarnings();
            assertFinished();
            Migration m = gateway.migrations(db).get(0);
            assertThat(m.state()).isEqualTo(Migration.State.COMPLETED);
            assertThat((Object) w).isNotNull();
            assertThat(w.getMessage()).startsWith("schemagate: staged migration " + m.id() + " completed: 4 steps in ");
            assertThat(one(s, "SELECT 41 + 1")).as("the connection goes on").isEqualTo(42);
        }
    }

    @Test
    void theMariadbClientReturnsWithTheClosingNoticeAsItsWarning() throws Exception {
        Cli.Result r = Cli.mariadb(gateway.mysqlPort(), TestServers.mysqlUser(), TestServers.mysqlPassword(),
                "-vvv", db, "-e", "\\W " + ALTER);
        assertThat(r.exitCode()).as(r.out()).isZero();
        Migration m = gateway.migrations(db).get(0);
        assertThat(m.state()).isEqualTo(Migration.State.COMPLETED);
        assertThat(r.out()).contains("Query OK, 0 rows affected, 1 warning")
                .contains("Warning (Code 1642): schemagate: staged migration " + m.id() + " completed: 4 steps in ");
        assertFinished();
    }

    @Test
    void aMigrationPausedWhileTheClientWaitsIsTheStatementsError() throws Exception {
        MySqlServiceDatabase service = new MySqlServiceDatabase(HostPort.parse(TestServers.mysqlHostPort(), "mysql"),
                new ServiceAccount(TestServers.mysqlUser(), null, null), List.of());
        // The holder is closed first, so should an assertion fail, the migration goes on and the client returns.
        try (Connection c = gateway.mysql(db); Statement s = c.createStatement(); Connection holder = TestServers.mysqlAdmin(db)) {
            // Holding the table's migration lock keeps the migration pending while the client waits.
            assertThat(service.tryTableLock(holder, TableRef.of("orders"))).isTrue();
            CompletableFuture<Void> execute = CompletableFuture.runAsync(() -> {
                try {
                    s.execute(ALTER);
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.migrations(db).size() == 1
                    && gateway.migrations(db).get(0).state() == Migration.State.PENDING);
            assertThat(execute).isNotDone();
            String id = gateway.migrations(db).get(0).id();
            gateway.server().services().migrations().pause(id);

            Throwable failure = execute.handle((v, e) -> e).get(30, TimeUnit.SECONDS);
            assertThat(failure).as("the statement fails").isNotNull();
            SQLException e = (SQLException) failure.getCause();
            assertThat(e.getErrorCode()).isEqualTo(1644);
            assertThat(e.getSQLState()).isEqualTo("45000");
            assertThat(e.getMessage()).startsWith("schemagate: staged migration " + id + " was paused at step 2 of 4 before it finished")
                    .contains("schemagate migrations resume " + id);
            assertThat(one(s, "SELECT 41 + 1")).as("the connection goes on").isEqualTo(42);
            try (Statement a = holder.createStatement()) {
                assertThat(text(a, "SELECT IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                        + "AND TABLE_NAME = 'orders' AND COLUMN_NAME = 'c'")).as("only the in-band step ran").isEqualTo("YES");
            }
        }
        assertThat(gateway.migrations(db).get(0).state()).isEqualTo(Migration.State.PAUSED);
    }

    private void assertFinished() throws SQLException {
        try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement()) {
            assertThat(text(s, "SELECT IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_NAME = 'orders' AND COLUMN_NAME = 'c'")).isEqualTo("NO");
            assertThat(one(s, "SELECT count(*) FROM orders WHERE c IS NULL")).isZero();
            assertThat(one(s, "SELECT count(DISTINCT c) FROM orders")).isGreaterThan(50);
        }
    }
}
