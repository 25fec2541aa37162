package io.schemagate.gateway.executor;

import io.schemagate.config.HostPort;
import io.schemagate.config.ServiceAccount;
import io.schemagate.gateway.audit.FileAuditLog;
import io.schemagate.gateway.testing.TestServers;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.plan.Plan;
import io.schemagate.policy.plan.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

/** The executor against a real MariaDB table under a concurrent writer. */
class MigrationExecutorMySqlIT {

    private static final int ROWS = 100_000;

    @TempDir
    Path dir;
    String db;
    FileAuditLog audit;
    MigrationExecutor executor;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createMysqlDatabase("sg_exec");
        try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, qty int NOT NULL) ENGINE=InnoDB");
            s.execute("INSERT INTO orders SELECT seq, seq % 7 FROM seq_1_to_" + ROWS);
            s.execute("ANALYZE TABLE orders");
        }
        audit = FileAuditLog.open(dir.resolve("audit.jsonl"), "gw", null, Clock.systemUTC());
        ServiceDatabase my = new MySqlServiceDatabase(HostPort.parse(TestServers.mysqlHostPort(), "mysql"),
                new ServiceAccount(TestServers.mysqlUser(), null, null), List.of());
        executor = new MigrationExecutor(new FileMigrationStore(dir.resolve("migrations")), audit, Map.of("mysql", my),
                new MigrationExecutor.Settings(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(2), 10),
                Clock.systemUTC(), 2);
    }

    @AfterEach
    void tearDown() throws Exception {
        executor.close();
        audit.close();
        TestServers.dropMysqlDatabase(db);
    }

    /** The staged form of ADD COLUMN c int NOT NULL DEFAULT (FLOOR(RAND()*100)) for MariaDB. */
    static Plan expressionDefaultPlan() {
        String expr = "(FLOOR(RAND()*100))";
        return new Plan(TableRef.of("orders"), "add c NOT NULL with an expression default, online", List.of(
                new Step.Sql("add c as a nullable column, instantly", Step.Where.IN_BAND,
                        "ALTER TABLE orders ADD COLUMN c int NULL, ALGORITHM=INSTANT", false, Duration.ofSeconds(2), 5, null,
                        "ALTER TABLE orders DROP COLUMN c"),
                new Step.Sql("new rows get the default", Step.Where.BACKGROUND,
                        "ALTER TABLE orders ALTER COLUMN c SET DEFAULT " + expr + ", ALGORITHM=INSTANT", false, null, 0, null,
                        "ALTER TABLE orders ALTER COLUMN c DROP DEFAULT"),
                new Step.Backfill("fill existing rows", TableRef.of("orders"), "c", expr, List.of(), 1000, null, null),
                new Step.Sql("make c NOT NULL without blocking writes", Step.Where.BACKGROUND,
                        "ALTER TABLE orders MODIFY COLUMN c int NOT NULL DEFAULT " + expr + ", ALGORITHM=INPLACE, LOCK=NONE",
                        false, null, 0,
                        "SELECT IS_NULLABLE = 'NO' FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                                + "AND TABLE_NAME = 'orders' AND COLUMN_NAME = 'c'",
                        "ALTER TABLE orders MODIFY COLUMN c int NULL, ALGORITHM=INPLACE, LOCK=NONE")));
    }

    @Test
    void stagedPlanFillsEveryRowWhileWritesContinue() throws Exception {
        try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE orders ADD COLUMN c int NULL, ALGORITHM=INSTANT");
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        Thread writer = new Thread(() -> {
            try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement()) {
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
        Migration m = executor.submit("mysql", TestServers.mysqlHostPort(), db,
                "ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (FLOOR(RAND()*100))", "app", null, expressionDefaultPlan(), 1);
        await().atMost(Duration.ofMinutes(3)).until(() -> {
            Migration.State st = executor.store().get(m.id()).orElseThrow().state();
            return st.finished() || st == Migration.State.FAILED;
        });
        stop.set(true);
        writer.join();

        Migration done = executor.store().get(m.id()).orElseThrow();
        assertThat(done.state()).as(done.error()).isEqualTo(Migration.State.COMPLETED);
        assertThat(failures.get()).as("failed writes").isZero();
        assertThat(writes.get()).isPositive();
        try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM orders WHERE c IS NULL), "
                     + "(SELECT IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'orders' AND COLUMN_NAME = 'c')")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
            assertThat(rs.getString(2)).isEqualTo("NO");
        }
    }
}
