package io.schemagate.gateway.staging;

import io.schemagate.config.HostPort;
import io.schemagate.config.ServiceAccount;
import io.schemagate.gateway.executor.Migration;
import io.schemagate.gateway.executor.PgServiceDatabase;
import io.schemagate.gateway.testing.Psql;
import io.schemagate.gateway.testing.RawPgClient;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.schemagate.gateway.staging.StagedAddColumnPgIT.one;
import static io.schemagate.gateway.staging.StagedAddColumnPgIT.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5 (c), PostgreSQL: with {@code wait: true} a client's staged ALTER returns only once its
 * migration is done: the column is NOT NULL and every row filled when {@code execute} returns, and
 * meanwhile the client hears the progress as notices. A failed migration becomes the statement's error,
 * a transaction block cannot wait, and a client that hangs up leaves the migration running, while
 * the other clients of the same event loop (one here: two cores) go on unhindered.
 */
class WaitForPlanPgIT {

    private static final int ROWS = 200_000;
    private static final String ALTER = "ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int";

    @TempDir
    Path dir;
    String db;
    StagingGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createPgDatabase("sg_wait_pg");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, qty int NOT NULL)");
            s.execute("INSERT INTO orders SELECT g, g % 7 FROM generate_series(1, " + ROWS + ") g");
            s.execute("VACUUM ANALYZE orders");
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
        // Small batches and frequent notices, so a 200k-row backfill reports several times.
        gateway = StagingGateway.start(dir, Duration.ofMillis(50), Duration.ofSeconds(2), policy,
                "  progress_interval: PT0.1S\n");
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
        TestServers.dropPgDatabase(db);
    }

    @Test
    void psqlPrintsProgressNoticesAndTheCommandTagAndReturnsWhenTheMigrationIsDone() throws Exception {
        Psql.Result r = Psql.run("host=127.0.0.1 port=" + gateway.pgPort() + " dbname=" + db + " user=" + TestServers.pgUser(),
                Map.of(), ALTER);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo("ALTER TABLE\n");
        Migration m = gateway.migrations(db).get(0);
        assertThat(m.state()).as("done when psql returned").isEqualTo(Migration.State.COMPLETED);
        List<String> notices = Arrays.stream(r.stderr().split("\n")).filter(l -> l.startsWith("NOTICE:")).toList();
        assertThat(notices.get(0)).contains("staged migration " + m.id(), "waiting for them");
        assertThat(notices).as("progress of the backfill: step, rows of the estimate, rate")
                .anySatisfy(l -> assertThat(l).containsPattern("staged migration " + m.id()
                        + ": step 3 of 7 \\(fill c .*\\): \\d+ of ~\\d+ rows, \\d+ rows/s"));
        assertThat(notices.get(notices.size() - 1)).contains("staged migration " + m.id() + " completed: 7 steps in ");
        assertFinished();
    }

    @Test
    void pgjdbcExecuteReturnsOnlyOnceTheColumnIsNotNullAndBackfilled() throws Exception {
        String seen;
        try (Connection c = gateway.pg(db); Statement s = c.createStatement()) {
            s.execute(ALTER);
            seen = warnings(s.getWarnings());
            assertFinished();
            assertThat(one(s, "SELECT 41 + 1")).as("the connection goes on").isEqualTo(42);
        }
        Migration m = gateway.migrations(db).get(0);
        assertThat(m.state()).isEqualTo(Migration.State.COMPLETED);
        assertThat(seen).contains("staged migration " + m.id() + ": step ", " rows/s", m.id() + " completed: 7 steps");
    }

    @Test
    void insideATransactionBlockTheStatementReturnsAtOnceAndTheMigrationFollowsTheCommit() throws Exception {
        try (Connection c = gateway.pg(db); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute(ALTER);
            assertThat(warnings(s.getWarnings())).contains("wait: true does not apply inside a transaction block");
            assertThat(gateway.migrations(db)).singleElement()
                    .satisfies(m -> assertThat(m.state()).isEqualTo(Migration.State.WAITING));
            c.commit();
        }
        gateway.awaitCompleted(db, 1, Duration.ofMinutes(2));
        assertFinished();
    }

    @Test
    void aMigrationThatFailsIsTheStatementsErrorNamingItAndItsStep() throws Exception {
        try (Connection c = gateway.pg(db); Statement s = c.createStatement()) {
            SQLException e = catchThrowableOfType(() -> s.execute("CREATE UNIQUE INDEX orders_qty ON orders (qty)"),
                    SQLException.class);
            assertThat((Object) e).isNotNull();
            Migration m = gateway.migrations(db).get(0);
            assertThat(m.state()).isEqualTo(Migration.State.FAILED);
            assertThat(e.getSQLState()).isEqualTo("55000");
            assertThat(e.getMessage()).contains("schemagate: staged migration " + m.id() + " failed at step 1 of 1 (build unique index",
                    "is duplicated", "left failed (schemagate migrations show " + m.id() + ")",
                    "schemagate migrations rollback " + m.id());
            assertThat(one(s, "SELECT 41 + 1")).as("the connection goes on").isEqualTo(42);
        }
    }

    @Test
    void aClientThatHangsUpWhileWaitingLeavesTheMigrationRunningAndOthersUnhindered() throws Exception {
        PgServiceDatabase service = new PgServiceDatabase(HostPort.parse(TestServers.pgHostPort(), "pg"),
                new ServiceAccount(TestServers.pgUser(), null, null));
        try (Connection holder = TestServers.pgAdmin(db)) {
            // Holding the table's migration lock keeps the migration pending, so the client waits as long as needed.
            assertThat(service.tryTableLock(holder, TableRef.of("orders"))).isTrue();
            List<RawPgClient.Message> seen = new ArrayList<>();
            try (RawPgClient waiting = new RawPgClient(gateway.pgPort())) {
                waiting.startup(196608, RawPgClient.params("user", TestServers.pgUser(), "database", db));
                waiting.readUntil('Z');
                waiting.query(ALTER);
                seen.addAll(waiting.readUntil('C'));
                for (int i = 0; i < 3; i++) {
                    seen.add(waiting.read());
                }
                // While it waits, another client on the same event loop is served. The wait lasts until the
                // lock is let go, so a loop blocked by it would never answer; the bound only allows for a
                // busy machine.
                try (Connection other = gateway.pg(db); Statement s = other.createStatement()) {
                    for (int i = 0; i < 20; i++) {
                        long started = System.nanoTime();
                        assertThat(one(s, "SELECT count(*) FROM orders WHERE id <= 10")).isEqualTo(10);
                        assertThat((System.nanoTime() - started) / 1_000_000).as("ms for a query while a client waits")
                                .isLessThan(5000);
                    }
                }
                assertThat(gateway.migrations(db).get(0).state()).as("still waiting meanwhile").isEqualTo(Migration.State.PENDING);
            }
            List<String> notices = seen.stream().filter(m -> m.type() == 'N').map(m -> m.field('M')).toList();
            assertThat(notices).hasSizeGreaterThanOrEqualTo(3);
            assertThat(notices.get(notices.size() - 1)).contains(": pending (it starts once no other migration holds the table)");
            assertThat(seen).noneMatch(m -> m.type() == 'Z');
            Migration m = gateway.migrations(db).get(0);
            assertThat(m.state()).isEqualTo(Migration.State.PENDING);
        }
        // The holder's session ended with its lock: the migration goes on without the client that left.
        gateway.awaitCompleted(db, 1, Duration.ofMinutes(2));
        assertFinished();
        try (Connection c = gateway.pg(db); Statement s = c.createStatement()) {
            assertThat(one(s, "SELECT 41 + 1")).isEqualTo(42);
        }
    }

    @Test
    void cancellingTheStatementEndsTheWaitButNotTheMigration() throws Exception {
        PgServiceDatabase service = new PgServiceDatabase(HostPort.parse(TestServers.pgHostPort(), "pg"),
                new ServiceAccount(TestServers.pgUser(), null, null));
        // The holder is closed first, so should an assertion fail, the migration goes on and the client returns.
        try (Connection c = gateway.pg(db); Statement s = c.createStatement(); Connection holder = TestServers.pgAdmin(db)) {
            assertThat(service.tryTableLock(holder, TableRef.of("orders"))).isTrue();
            java.util.concurrent.CompletableFuture<Void> execute = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    s.execute(ALTER);
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.migrations(db).size() == 1
                    && gateway.migrations(db).get(0).state() == Migration.State.PENDING);
            Thread.sleep(300);
            assertThat(execute).isNotDone();
            // What psql does on Ctrl-C: a CancelRequest with the session's key, on a connection of its own.
            s.cancel();
            Throwable failure = execute.handle((v, e) -> e).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(failure).isNotNull();
            SQLException e = (SQLException) failure.getCause();
            String id = gateway.migrations(db).get(0).id();
            assertThat(e.getSQLState()).isEqualTo("57014");
            assertThat(e.getMessage()).contains("stopped waiting for staged migration " + id, "the migration goes on");
            assertThat(one(s, "SELECT 41 + 1")).as("the connection goes on").isEqualTo(42);
        }
        gateway.awaitCompleted(db, 1, Duration.ofMinutes(2));
        assertFinished();
    }

    /** The column as the original statement would have left it. */
    private void assertFinished() throws SQLException {
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            assertThat(one(s, "SELECT attnotnull::int FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'c'"))
                    .isEqualTo(1);
            assertThat(one(s, "SELECT count(*) FROM orders WHERE c IS NULL")).isZero();
            assertThat(one(s, "SELECT count(DISTINCT c) FROM orders")).as("a volatile default: values differ").isGreaterThan(50);
        }
    }
}
