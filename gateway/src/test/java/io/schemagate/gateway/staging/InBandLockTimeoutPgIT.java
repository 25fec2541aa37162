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
import static io.schemagate.gateway.staging.StagedAddColumnPgIT.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 5: the in-band step of a staged plan needs ACCESS EXCLUSIVE for a moment. Behind a long
 * transaction it must not wait for ever, queueing the application's queries behind itself: each
 * attempt gives up after its lock timeout, and after the last the client gets 55P03; the
 * application's writes go on, the migration is discarded, and the client's session keeps its own
 * lock_timeout.
 */
class InBandLockTimeoutPgIT {

    @TempDir
    Path dir;
    String db;
    StagingGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createPgDatabase("sg_inband_lt");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, qty int NOT NULL)");
            s.execute("INSERT INTO orders SELECT g, 1 FROM generate_series(1, 1000) g");
        }
        gateway = StagingGateway.start(dir, Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
        TestServers.dropPgDatabase(db);
    }

    @Test
    void inBandStepBehindALongTransactionGivesUpAndWritesGoOn() throws Exception {
        try (Connection holder = TestServers.pgAdmin(db); Statement h = holder.createStatement();
             Connection client = gateway.pg(db); Statement s = client.createStatement()) {
            // A long transaction that has read the table holds ACCESS SHARE until it ends.
            holder.setAutoCommit(false);
            h.executeQuery("SELECT count(*) FROM orders").close();
            s.execute("SET lock_timeout = 0"); // PostgreSQL's default: wait for ever

            CompletableFuture<SQLException> alter = CompletableFuture.supplyAsync(() -> catchThrowableOfType(() ->
                    s.execute("ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int"), SQLException.class));
            // An application write that arrives while the ALTER waits for its lock.
            CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> {
                try (Connection w = TestServers.pgAdmin(db); Statement ws = w.createStatement()) {
                    return ws.executeUpdate("INSERT INTO orders VALUES (1001, 1)");
                } catch (SQLException e) {
                    throw new IllegalStateException("the application's write failed: " + e.getMessage(), e);
                }
            });
            // Both finish while the long transaction is still open (each of the in-band step's 5
            // attempts waits at most its lock timeout, 2 s, with back-off between them; these limits
            // are far above that, and the write gets through between two attempts at the latest).
            SQLException refused = alter.get(30, TimeUnit.SECONDS);
            assertThat(write.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(refused != null).as("the in-band step gave up").isTrue();
            assertThat(refused.getSQLState()).isEqualTo("55P03");
            assertThat(text(s, "SHOW lock_timeout")).as("the client's own setting is kept").isEqualTo("0");
            holder.rollback();
        }
        gateway.awaitOnly(db, Migration.State.DISCARDED);
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            assertThat(one(s, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'c'"))
                    .isZero();
        }
        // Sent again once the long transaction is gone, it goes through and completes.
        try (Connection client = gateway.pg(db); Statement s = client.createStatement()) {
            s.execute("ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int");
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(1)).until(() ->
                gateway.migrations(db).stream().anyMatch(m -> m.state() == Migration.State.COMPLETED));
    }
}
