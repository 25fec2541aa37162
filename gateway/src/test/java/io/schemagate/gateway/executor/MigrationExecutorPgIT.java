package io.schemagate.gateway.executor;

import io.schemagate.config.HostPort;
import io.schemagate.config.ServiceAccount;
import io.schemagate.gateway.audit.AuditVerifier;
import io.schemagate.gateway.audit.FileAuditLog;
import io.schemagate.gateway.testing.TestServers;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.plan.Plan;
import io.schemagate.policy.plan.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The executor against a real PostgreSQL table under a concurrent writer. */
class MigrationExecutorPgIT {

    private static final int ROWS = 200_000;

    @TempDir
    Path dir;
    String db;
    FileAuditLog audit;
    MigrationExecutor executor;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createPgDatabase("sg_exec");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, qty int NOT NULL)");
            s.execute("INSERT INTO orders SELECT g, g % 7 FROM generate_series(1, " + ROWS + ") g");
            s.execute("ANALYZE orders");
        }
        audit = FileAuditLog.open(dir.resolve("audit.jsonl"), "gw", null, Clock.systemUTC());
        executor = newExecutor();
    }

    private MigrationExecutor newExecutor() {
        ServiceDatabase pg = new PgServiceDatabase(HostPort.parse(TestServers.pgHostPort(), "pg"),
                new ServiceAccount(TestServers.pgUser(), null, null));
        return new MigrationExecutor(new FileMigrationStore(dir.resolve("migrations")), audit, Map.of("postgresql", pg),
                new MigrationExecutor.Settings(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(2), 10),
                Clock.systemUTC(), 2);
    }

    @AfterEach
    void tearDown() throws Exception {
        executor.close();
        audit.close();
        TestServers.dropPgDatabase(db);
    }

    /** The plan the planner makes for ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int. */
    static Plan volatileDefaultPlan() {
        String expr = "(random()*100)::int";
        return new Plan(TableRef.of("orders"), "add c NOT NULL with a volatile default, without a rewrite", List.of(
                new Step.Sql("add c as a nullable column", Step.Where.IN_BAND, "ALTER TABLE orders ADD COLUMN c int", false,
                        Duration.ofSeconds(2), 5, null, "ALTER TABLE orders DROP COLUMN IF EXISTS c"),
                new Step.Sql("new rows get the default", Step.Where.BACKGROUND, "ALTER TABLE orders ALTER COLUMN c SET DEFAULT " + expr,
                        false, null, 0, null, "ALTER TABLE orders ALTER COLUMN c DROP DEFAULT"),
                new Step.Backfill("fill existing rows", TableRef.of("orders"), "c", expr, List.of(), 1000, null, null),
                new Step.Sql("check c IS NOT NULL for new writes", Step.Where.BACKGROUND,
                        "ALTER TABLE orders ADD CONSTRAINT orders_c_not_null CHECK (c IS NOT NULL) NOT VALID", true, null, 0,
                        "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'orders_c_not_null')",
                        "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_c_not_null"),
                new Step.Sql("validate the check without blocking writes", Step.Where.BACKGROUND,
                        "ALTER TABLE orders VALIDATE CONSTRAINT orders_c_not_null", true, null, 0,
                        "SELECT convalidated FROM pg_constraint WHERE conname = 'orders_c_not_null'", null),
                new Step.Sql("SET NOT NULL, proven by the valid check", Step.Where.BACKGROUND,
                        "ALTER TABLE orders ALTER COLUMN c SET NOT NULL", true, null, 0,
                        "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'c'",
                        "ALTER TABLE orders ALTER COLUMN c DROP NOT NULL"),
                new Step.Sql("drop the helper check", Step.Where.BACKGROUND,
                        "ALTER TABLE orders DROP CONSTRAINT orders_c_not_null", true, null, 0,
                        "SELECT NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'orders_c_not_null')", null)));
    }

    @Test
    void stagedPlanFillsEveryRowWithoutRewritingUnderAConcurrentWriter() throws Exception {
        long filenode = filenode();
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE orders ADD COLUMN c int");
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        Thread writer = new Thread(() -> {
            try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
                long id = ROWS;
                while (!stop.get()) {
                    try {
                        s.execute("INSERT INTO orders (id, qty) VALUES (" + (++id) + ", 1)");
                        s.execute("UPDATE orders SET qty = qty + 1 WHERE id = " + (1 + id % ROWS));
                        writes.addAndGet(2);
                    } catch (SQLException e) {
                        failures.incrementAndGet();
                    }
                }
            } catch (SQLException e) {
                failures.incrementAndGet();
            }
        });
        writer.start();

        Migration m = executor.submit("postgresql", TestServers.pgHostPort(), db, "ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int",
                "app", null, volatileDefaultPlan(), 1);
        await().atMost(Duration.ofMinutes(3)).until(() -> executor.store().get(m.id()).orElseThrow().state().finished()
                || executor.store().get(m.id()).orElseThrow().state() == Migration.State.FAILED);
        stop.set(true);
        writer.join();

        Migration done = executor.store().get(m.id()).orElseThrow();
        assertThat(done.state()).as(done.error()).isEqualTo(Migration.State.COMPLETED);
        assertThat(done.outcomes().stream().filter(o -> o.index() == 2).findFirst().orElseThrow().rows()).isGreaterThanOrEqualTo(ROWS);
        assertThat(failures.get()).as("failed writes").isZero();
        assertThat(writes.get()).isPositive();
        assertThat(filenode()).as("the table was never rewritten").isEqualTo(filenode);
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE c IS NULL), "
                     + "(SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'c'), "
                     + "(SELECT count(*) FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype = 'c') FROM orders")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
            assertThat(rs.getBoolean(2)).isTrue();
            assertThat(rs.getLong(3)).as("helper check dropped").isZero();
        }
        audit.close();
        assertThat(AuditVerifier.verify(dir.resolve("audit.jsonl"), null).ok()).isTrue();
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("migration_step_finished", "migration_completed", "\"rows\":");
    }

    @Test
    void pausedBackfillResumesInANewExecutorFromItsSavedBatchAndRollsBack() throws Exception {
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE orders ADD COLUMN c int");
        }
        Migration m = executor.submit("postgresql", TestServers.pgHostPort(), db, "ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int",
                "app", null, volatileDefaultPlan(), 1);
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            Migration.BackfillProgress p = executor.store().get(m.id()).orElseThrow().backfill();
            return p != null && p.rowsDone() > 0;
        });
        executor.pause(m.id());
        await().atMost(Duration.ofMinutes(1)).until(() -> executor.store().get(m.id()).orElseThrow().state() == Migration.State.PAUSED);
        Migration paused = executor.store().get(m.id()).orElseThrow();
        assertThat(paused.backfill().rowsDone()).isBetween(1L, (long) ROWS - 1);
        executor.close();

        // A new executor (as after a restart) picks the saved state up.
        executor = newExecutor();
        executor.resume(m.id());
        await().atMost(Duration.ofMinutes(3)).until(() -> executor.store().get(m.id()).orElseThrow().state().finished());
        Migration done = executor.store().get(m.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(Migration.State.COMPLETED);
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM orders WHERE c IS NULL")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }

        executor.rollback(m.id(), "alice");
        await().atMost(Duration.ofMinutes(1)).until(() -> executor.store().get(m.id()).orElseThrow().state() == Migration.State.ROLLED_BACK);
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'c' AND NOT attisdropped")) {
            rs.next();
            assertThat(rs.getLong(1)).as("column removed by the rollback").isZero();
        }
    }

    private long filenode() throws SQLException {
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_relation_filenode('orders')")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
