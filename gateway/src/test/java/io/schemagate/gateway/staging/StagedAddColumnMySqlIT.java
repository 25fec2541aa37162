package io.schemagate.gateway.staging;

import io.schemagate.gateway.executor.Migration;
import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static io.schemagate.gateway.staging.StagedAddColumnPgIT.one;
import static io.schemagate.gateway.staging.StagedAddColumnPgIT.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 5, MariaDB: an expression-default NOT NULL column added through the gateway to a table of a
 * million rows under a concurrent writer runs as ADD COLUMN ... NULL, ALGORITHM=INSTANT in place of
 * the statement, then SET DEFAULT, a batched backfill and MODIFY ... NOT NULL, ALGORITHM=INPLACE,
 * LOCK=NONE, and ends as asked (each row its own value) without blocking the writer. Sent straight
 * to the server with ALGORITHM=INSTANT, MySQL refuses it and MariaDB gives every row one value.
 */
class StagedAddColumnMySqlIT {

    private static final Logger log = LoggerFactory.getLogger(StagedAddColumnMySqlIT.class);
    private static final int ROWS = 1_000_000;
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);
    private static final String ALTER = "ALTER TABLE %s ADD COLUMN c int NOT NULL DEFAULT (FLOOR(RAND()*100))";

    @TempDir
    Path dir;
    String db;
    StagingGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createMysqlDatabase("sg_stage_my");
        try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, qty int NOT NULL) ENGINE=InnoDB");
            s.execute("CREATE TABLE orders_direct (id bigint PRIMARY KEY, qty int NOT NULL) ENGINE=InnoDB");
            // MariaDB's Sequence engine: seq_1_to_N is a virtual table of the numbers 1..N.
            s.execute("INSERT INTO orders SELECT seq, seq % 7 FROM seq_1_to_" + ROWS);
            s.execute("INSERT INTO orders_direct SELECT seq, seq % 7 FROM seq_1_to_10000");
            s.execute("ANALYZE TABLE orders");
        }
        gateway = StagingGateway.start(dir, Duration.ofMillis(200), LOCK_TIMEOUT);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        TestServers.dropMysqlDatabase(db);
    }

    @Test
    void expressionDefaultNotNullIsStagedWithAlgorithmGuardsWithoutBlockingTheWriter() throws Exception {
        Migration done;
        try (Writer writer = new Writer(() -> TestServers.mysqlAdmin(db), "orders", ROWS + 1, ROWS)) {
            org.awaitility.Awaitility.await().until(() -> writer.rounds() > 100);
            long started = System.nanoTime();
            try (Connection c = gateway.mysql(db); Statement s = c.createStatement()) {
                s.execute(ALTER.formatted("orders"));
            }
            done = gateway.awaitCompleted(db, 1, Duration.ofMinutes(15)).get(0);
            long after = writer.rounds();
            org.awaitility.Awaitility.await().until(() -> writer.rounds() > after + 100);
            writer.close();
            log.info("MariaDB staged ADD COLUMN on {} rows: {} ms to completion, writer {} rounds, max statement {} ms, {} failures; {}",
                    ROWS, (System.nanoTime() - started) / 1_000_000, writer.rounds(), writer.maxLatencyMillis(),
                    writer.failures(), StagingGateway.outcomes(done));
            assertThat(writer.failures()).as("failed writes: %s", writer.errors()).isZero();
            assertThat(writer.maxLatencyMillis()).as("the writer's longest statement, ms").isLessThan(LOCK_TIMEOUT.toMillis());
        }
        assertThat(done.plan().steps().get(0).toString()).contains("ALGORITHM=INSTANT");

        try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement()) {
            assertThat(text(s, "SELECT IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_NAME = 'orders' AND COLUMN_NAME = 'c'")).isEqualTo("NO");
            assertThat(text(s, "SELECT COLUMN_DEFAULT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_NAME = 'orders' AND COLUMN_NAME = 'c'")).isEqualToIgnoringCase("floor(rand() * 100)");
            assertThat(one(s, "SELECT count(*) FROM orders WHERE c IS NULL")).isZero();
            assertThat(one(s, "SELECT count(*) FROM orders WHERE c < 0 OR c > 100")).isZero();
            assertThat(one(s, "SELECT count(*) FROM orders")).isGreaterThan(ROWS);
            assertThat(one(s, "SELECT count(DISTINCT c) FROM orders")).isGreaterThan(50);

            // The contrast, sent straight to the server with ALGORITHM=INSTANT. MySQL 8 refuses it (an
            // expression default cannot be added instantly; without the clause it copies the table with
            // writes blocked). MariaDB 10.11 accepts it and evaluates the expression once: every existing
            // row gets the same "random" value (ALGORITHM=COPY would give each row its own, by copying).
            boolean mariadb = text(s, "SELECT VERSION()").contains("MariaDB");
            SQLException refused = catchThrowableOfType(
                    () -> s.execute(ALTER.formatted("orders_direct") + ", ALGORITHM=INSTANT"), SQLException.class);
            if (mariadb) {
                assertThat(refused == null).as("MariaDB accepts it: %s", refused).isTrue();
                assertThat(one(s, "SELECT count(DISTINCT c) FROM orders_direct")).as("one value for all 10000 rows").isEqualTo(1);
            } else {
                assertThat(refused != null).as("MySQL refuses the direct statement with ALGORITHM=INSTANT").isTrue();
                assertThat(refused.getErrorCode()).isIn(1845, 1846);
            }
        }
    }
}
