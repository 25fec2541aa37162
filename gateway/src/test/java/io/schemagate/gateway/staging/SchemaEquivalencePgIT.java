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
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5: for each unsafe statement the planner stages, the schema the staged migration leaves
 * behind equals the schema the statement gives when run straight on the server: columns (type,
 * default, nullability, position), constraints (definition, name, validated) and indexes
 * (definition, valid), read from the catalogs of two databases that start alike.
 */
class SchemaEquivalencePgIT {

    private static final Logger log = LoggerFactory.getLogger(SchemaEquivalencePgIT.class);

    /** Unsafe statements, each staged by the built-in policy; run in this order on both databases. */
    static final List<String> CORPUS = List.of(
            "ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int",
            "ALTER TABLE orders ADD COLUMN h uuid NOT NULL DEFAULT gen_random_uuid()",
            "ALTER TABLE orders ALTER COLUMN qty SET NOT NULL",
            "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)",
            "ALTER TABLE orders ADD CONSTRAINT orders_qty_nonneg CHECK (qty >= 0)",
            "CREATE INDEX orders_qty_idx ON orders (qty)",
            "CREATE UNIQUE INDEX orders_ref_uidx ON orders (ref)",
            "ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code)",
            "ALTER TABLE orders ADD COLUMN f int CHECK (f > 0)",
            "ALTER TABLE orders ADD COLUMN g int UNIQUE",
            "ALTER TABLE items ADD PRIMARY KEY (id)");

    @TempDir
    Path dir;
    String staged;
    String direct;
    StagingGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        staged = TestServers.createPgDatabase("sg_equiv_gw");
        direct = TestServers.createPgDatabase("sg_equiv_direct");
        for (String db : List.of(staged, direct)) {
            try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE customers (id bigint PRIMARY KEY)");
                s.execute("INSERT INTO customers SELECT g FROM generate_series(1, 100) g");
                s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, qty int, ref text, code text)");
                s.execute("INSERT INTO orders SELECT g, 1 + g % 100, g % 7, 'r' || g, 'c' || g FROM generate_series(1, 20000) g");
                s.execute("CREATE TABLE items (id int, name text)");
                s.execute("INSERT INTO items SELECT g, 'i' || g FROM generate_series(1, 5000) g");
            }
        }
        gateway = StagingGateway.start(dir, Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
        TestServers.dropPgDatabase(staged);
        TestServers.dropPgDatabase(direct);
    }

    @Test
    void stagedStatementsLeaveTheSchemaTheDirectStatementsGive() throws Exception {
        try (Connection through = gateway.pg(staged); Connection straight = TestServers.pgAdmin(direct)) {
            for (String sql : CORPUS) {
                int before = gateway.migrations(staged).size();
                try (Statement s = through.createStatement()) {
                    s.execute(sql);
                    assertThat(notices(s.getWarnings())).as("%s is staged", sql).contains("schemagate: staged migration");
                }
                // One statement's background steps finish before the next statement, as a deploy would run them.
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() ->
                        gateway.migrations(staged).size() == before + 1
                                && gateway.migrations(staged).stream().allMatch(m -> m.state().finished()
                                || m.state() == Migration.State.FAILED));
                assertThat(gateway.migrations(staged)).allSatisfy(m ->
                        assertThat(m.state()).as("%s: %s", m.statement(), m.error()).isEqualTo(Migration.State.COMPLETED));
                try (Statement s = straight.createStatement()) {
                    s.execute(sql);
                }
            }
        }
        for (String[] q : CATALOG) {
            List<String> viaGateway = rows(staged, q[1]);
            List<String> asSent = rows(direct, q[1]);
            log.info("{}: {} rows alike", q[0], asSent.size());
            assertThat(viaGateway).as(q[0]).containsExactlyElementsOf(asSent);
        }
    }

    /** What is compared, from the catalogs; names of databases and OIDs never appear. */
    static final String[][] CATALOG = {
            {"columns", "SELECT table_name, ordinal_position, column_name, data_type, is_nullable, column_default "
                    + "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"},
            {"constraints", "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid), convalidated "
                    + "FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2"},
            {"indexes", "SELECT t.relname, i.relname, pg_get_indexdef(x.indexrelid), x.indisvalid, x.indisready, x.indisunique, "
                    + "x.indisprimary FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                    + "WHERE t.relnamespace = 'public'::regnamespace ORDER BY 1, 2"},
            {"not null", "SELECT c.relname, a.attname, a.attnotnull, a.atthasdef FROM pg_attribute a JOIN pg_class c "
                    + "ON c.oid = a.attrelid WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 "
                    + "AND NOT a.attisdropped ORDER BY 1, 2"},
    };

    private static List<String> rows(String db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    b.append(i == 1 ? "" : " | ").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    private static String notices(SQLWarning w) {
        StringBuilder b = new StringBuilder();
        for (; w != null; w = w.getNextWarning()) {
            b.append(w.getMessage()).append('\n');
        }
        return b.toString();
    }
}
