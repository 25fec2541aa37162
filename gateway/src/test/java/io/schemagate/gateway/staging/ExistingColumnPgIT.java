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
 * A staged ADD COLUMN for a column that already exists fails as the statement itself would
 * (42701 duplicate_column), and the staged background steps never touch the existing column: no
 * default set on it, no backfill of its NULLs, no NOT NULL.
 */
class ExistingColumnPgIT {

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
        assertThat(gateway.migrations(db)).singleElement()
                .satisfies(m -> assertThat(m.state()).isEqualTo(Migration.State.DISCARDED));
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            assertThat(one(s, "SELECT count(*) FROM orders WHERE note IS NULL")).as("NULLs of the existing column untouched")
                    .isEqualTo(500);
            assertThat(one(s, "SELECT (attnotnull OR atthasdef)::int FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                    + "AND attname = 'note'")).isZero();
        }
    }
}
