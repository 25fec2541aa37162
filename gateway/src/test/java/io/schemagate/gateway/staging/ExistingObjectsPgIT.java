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

import static io.schemagate.gateway.staging.StagedAddColumnPgIT.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Staged statements on names that are already taken fail as the statements themselves would: an
 * ADD COLUMN of an existing column (42701 duplicate_column), whose background steps must never touch
 * that column (no default, no backfill of its NULLs, no NOT NULL); a CREATE INDEX whose name an
 * existing index has (42P07 duplicate_table), which must not be reported done.
 */
class ExistingObjectsPgIT {

    private static final String ALTER = "ALTER TABLE orders ADD COLUMN note text NOT NULL DEFAULT md5(random()::text)";

    @TempDir
    Path dir;
    String db;
    StagingGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createPgDatabase("sg_existing");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, note text)");
            s.execute("INSERT INTO orders SELECT g, CASE WHEN g % 2 = 0 THEN 'kept' END FROM generate_series(1, 1000) g");
            s.execute("CREATE INDEX orders_note_idx ON orders (id)");
        }
        gateway = StagingGateway.start(dir, Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
        TestServers.dropPgDatabase(db);
    }

    @Test
    void addingAnExistingColumnFailsAsSentAndLeavesItAlone() throws Exception {
        SQLException direct;
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            direct = catchThrowableOfType(() -> s.execute(ALTER), SQLException.class);
        }
        assertThat(direct != null && "42701".equals(direct.getSQLState())).as("sent straight: %s", direct).isTrue();
        try (Connection c = gateway.pg(db); Statement s = c.createStatement()) {
            SQLException through = catchThrowableOfType(() -> s.execute(ALTER), SQLException.class);
            assertThat(through != null).as("the gateway gives the same error").isTrue();
            assertThat(through.getSQLState()).isEqualTo("42701");
            assertThat(through.getMessage()).contains(direct.getMessage().replaceFirst("^ERROR: ", "").split("\n")[0]);
        }
        gateway.awaitOnly(db, Migration.State.DISCARDED);
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            assertThat(one(s, "SELECT count(*) FROM orders WHERE note IS NULL")).as("NULLs of the existing column untouched")
                    .isEqualTo(500);
            assertThat(one(s, "SELECT (attnotnull OR atthasdef)::int FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                    + "AND attname = 'note'")).isZero();
        }
    }

    @Test
    void creatingAnIndexWhoseNameIsTakenFailsAsSent() throws Exception {
        String create = "CREATE INDEX orders_note_idx ON orders (note)";
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            SQLException direct = catchThrowableOfType(() -> s.execute(create), SQLException.class);
            assertThat(direct != null && "42P07".equals(direct.getSQLState())).as("sent straight: %s", direct).isTrue();
        }
        try (Connection c = gateway.pg(db); Statement s = c.createStatement()) {
            SQLException through = catchThrowableOfType(() -> s.execute(create), SQLException.class);
            assertThat(through != null).as("the gateway gives the same error").isTrue();
            assertThat(through.getSQLState()).isEqualTo("42P07");
            assertThat(through.getMessage()).contains("relation \"orders_note_idx\" already exists");
        }
        gateway.awaitOnly(db, Migration.State.DISCARDED);
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            assertThat(StagedAddColumnPgIT.text(s, "SELECT pg_get_indexdef('orders_note_idx'::regclass)")).endsWith("(id)");
        }
    }
}
