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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5, PostgreSQL: a volatile-default NOT NULL column added through the gateway to a table of a
 * million rows under a concurrent writer is staged (nullable add, default, backfill, NOT VALID check,
 * validate, SET NOT NULL) and ends exactly as asked, without a table rewrite and without blocking the
 * writer; the same statement sent straight to the server rewrites its table.
 */
class StagedAddColumnPgIT {

    private static final Logger log = LoggerFactory.getLogger(StagedAddColumnPgIT.class);
    private static final int ROWS = 1_000_000;
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(2);
    private static final String ALTER = "ALTER TABLE %s ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int";

    @TempDir
    Path dir;
    String db;
    StagingGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createPgDatabase("sg_stage_pg");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            for (String t : List.of("orders", "orders_direct")) {
                s.execute("CREATE TABLE " + t + " (id bigint PRIMARY KEY, qty int NOT NULL)");
            }
            s.execute("INSERT INTO orders SELECT g, g % 7 FROM generate_series(1, " + ROWS + ") g");
            s.execute("INSERT INTO orders_direct SELECT g, g % 7 FROM generate_series(1, 100000) g");
            s.execute("VACUUM ANALYZE orders");
            s.execute("VACUUM ANALYZE orders_direct");
        }
        gateway = StagingGateway.start(dir, Duration.ofMillis(200), LOCK_TIMEOUT);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        TestServers.dropPgDatabase(db);
    }

    @Test
    void volatileDefaultNotNullIsStagedWithoutRewriteOrBlockingTheWriter() throws Exception {
        long filenodeBefore = filenode("orders");
        long directBefore = filenode("orders_direct");
        long started;
        Migration done;
        String notice;
        try (Writer writer = new Writer(() -> TestServers.pgAdmin(db), "orders", ROWS + 1, ROWS)) {
            // Let the writer get going before the change arrives.
            org.awaitility.Awaitility.await().until(() -> writer.rounds() > 100);
            started = System.nanoTime();
            try (Connection c = gateway.pg(db); Statement s = c.createStatement()) {
                s.execute(ALTER.formatted("orders"));
                notice = warnings(s.getWarnings());
            }
            done = gateway.awaitCompleted(db, 1, Duration.ofMinutes(10)).get(0);
            // A few more writes after the last step, with the column NOT NULL and its default in place.
            long after = writer.rounds();
            org.awaitility.Awaitility.await().until(() -> writer.rounds() > after + 100);
            writer.close();
            long millis = (System.nanoTime() - started) / 1_000_000;
            log.info("PG staged ADD COLUMN on {} rows: {} ms to completion, writer {} rounds, max statement {} ms, {} failures; {}",
                    ROWS, millis, writer.rounds(), writer.maxLatencyMillis(), writer.failures(), StagingGateway.outcomes(done));
            assertThat(writer.failures()).as("failed writes: %s", writer.errors()).isZero();
            assertThat(writer.maxLatencyMillis()).as("the writer's longest statement, ms").isLessThan(LOCK_TIMEOUT.toMillis());
        }
        assertThat(notice).as("the notice the client sees").contains(done.id());
        assertThat(done.statement()).isEqualTo(ALTER.formatted("orders"));
        assertThat(gateway.adminGet("/api/v1/migrations")).contains(done.id()).contains("\"completed\"");

        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            assertThat(filenode("orders")).as("orders was not rewritten").isEqualTo(filenodeBefore);
            assertThat(one(s, "SELECT attnotnull::int FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'c'"))
                    .isEqualTo(1);
            assertThat(one(s, "SELECT count(*) FROM orders WHERE c IS NULL")).isZero();
            assertThat(one(s, "SELECT count(*) FROM orders WHERE c < 0 OR c > 100")).isZero();
            assertThat(one(s, "SELECT count(*) FROM orders")).isGreaterThan(ROWS);
            assertThat(one(s, "SELECT count(DISTINCT c) FROM orders")).as("a volatile default: values differ").isGreaterThan(50);
            assertThat(text(s, "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef d JOIN pg_attribute a "
                    + "ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'orders'::regclass AND a.attname = 'c'"))
                    .isEqualTo("((random() * (100)::double precision))::integer");
            assertThat(one(s, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype = 'c'"))
                    .as("the helper check is gone").isZero();

            // The contrast: the same statement straight to the server rewrites the table.
            s.execute(ALTER.formatted("orders_direct"));
            assertThat(filenode("orders_direct")).as("a direct volatile-default add rewrites").isNotEqualTo(directBefore);
        }
    }

    private long filenode(String table) throws SQLException {
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            return one(s, "SELECT pg_relation_filenode('" + table + "')");
        }
    }

    static long one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }

    static String text(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    static String warnings(SQLWarning w) {
        StringBuilder b = new StringBuilder();
        for (; w != null; w = w.getNextWarning()) {
            b.append(w.getMessage()).append('\n');
        }
        return b.toString();
    }
}
