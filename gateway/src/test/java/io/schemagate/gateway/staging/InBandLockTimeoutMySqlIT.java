package io.schemagate.gateway.staging;

import io.schemagate.gateway.executor.Migration;
import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.schemagate.gateway.staging.StagedAddColumnPgIT.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 5, MariaDB: the in-band step of a staged plan waits for its metadata lock behind a long
 * transaction only for the lock timeout per attempt (the server's default lock_wait_timeout is a
 * day), gives up with 1205 after its attempts, and the application's writes queued behind it go on.
 */
class InBandLockTimeoutMySqlIT {

    @TempDir
    Path dir;
    String db;
    StagingGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createMysqlDatabase("sg_inband_lt");
        try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, qty int NOT NULL)");
            s.execute("INSERT INTO orders SELECT seq, 1 FROM seq_1_to_1000");
        }
        gateway = StagingGateway.start(dir, Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
        TestServers.dropMysqlDatabase(db);
    }

    @Test
    void inBandStepBehindALongTransactionGivesUpAndWritesGoOn() throws Exception {
        try (Connection holder = TestServers.mysqlAdmin(db); Statement h = holder.createStatement();
             Connection client = gateway.mysql(db); Statement s = client.createStatement()) {
            // A transaction that has read the table holds its shared metadata lock until it ends.
            holder.setAutoCommit(false);
            h.executeQuery("SELECT count(*) FROM orders").close();
            long ownTimeout = one(s, "SELECT @@session.lock_wait_timeout");

            CompletableFuture<SQLException> alter = CompletableFuture.supplyAsync(() -> catchThrowableOfType(() ->
                    s.execute("ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (FLOOR(RAND()*100))"), SQLException.class));
            CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> {
                try (Connection w = TestServers.mysqlAdmin(db); Statement ws = w.createStatement()) {
                    return ws.executeUpdate("INSERT INTO orders VALUES (1001, 1)");
                } catch (SQLException e) {
                    throw new IllegalStateException("the application's write failed: " + e.getMessage(), e);
                }
            });
            // Both finish while the long transaction is still open.
            SQLException refused = alter.get(30, TimeUnit.SECONDS);
            assertThat(write.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(refused != null).as("the in-band step gave up").isTrue();
            assertThat(refused.getErrorCode()).isEqualTo(1205);
            assertThat(one(s, "SELECT @@session.lock_wait_timeout")).as("the session's own setting is kept").isEqualTo(ownTimeout);
            holder.rollback();
        }
        gateway.awaitOnly(db, Migration.State.DISCARDED);
        try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement()) {
            assertThat(one(s, "SELECT count(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_NAME = 'orders' AND COLUMN_NAME = 'c'")).isZero();
        }
    }
}
