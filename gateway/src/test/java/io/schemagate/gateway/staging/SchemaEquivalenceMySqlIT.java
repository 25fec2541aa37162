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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5, MySQL dialect on MariaDB: every statement the built-in policy rewrites (a staged
 * expression-default NOT NULL column; indexes, a UNIQUE constraint, a column and a primary key run
 * with an ALGORITHM guard) leaves the schema the statement gives when run straight on the server,
 * compared from information_schema of two databases that start alike.
 */
class SchemaEquivalenceMySqlIT {

    private static final Logger log = LoggerFactory.getLogger(SchemaEquivalenceMySqlIT.class);

    static final List<String> CORPUS = List.of(
            "ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (FLOOR(RAND()*100))",
            "CREATE INDEX orders_qty_idx ON orders (qty)",
            "CREATE UNIQUE INDEX orders_ref_uidx ON orders (ref)",
            "ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code)",
            "ALTER TABLE orders ADD COLUMN n varchar(20) NOT NULL DEFAULT 'x'",
            "ALTER TABLE orders ADD INDEX idx_customer (customer_id)",
            "ALTER TABLE items ADD PRIMARY KEY (id)");

    /** What is compared; TABLE_SCHEMA is the database the connection uses, so names of databases never appear. */
    static final String[][] CATALOG = {
            {"columns", "SELECT TABLE_NAME, ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA "
                    + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION"},
            {"indexes", "SELECT TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE, INDEX_TYPE "
                    + "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1, 2, 3"},
            {"constraints", "SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS "
                    + "WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1, 2"},
    };

    @TempDir
    Path dir;
    String staged;
    String direct;
    StagingGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        staged = TestServers.createMysqlDatabase("sg_equiv_gw");
        direct = TestServers.createMysqlDatabase("sg_equiv_direct");
        for (String db : List.of(staged, direct)) {
            try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE customers (id bigint PRIMARY KEY)");
                s.execute("INSERT INTO customers SELECT seq FROM seq_1_to_100");
                s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, qty int, ref varchar(20), code varchar(20))");
                s.execute("INSERT INTO orders SELECT seq, 1 + seq % 100, seq % 7, CONCAT('r', seq), CONCAT('c', seq) FROM seq_1_to_20000");
                s.execute("CREATE TABLE items (id int NOT NULL, name varchar(20))");
                s.execute("INSERT INTO items SELECT seq, CONCAT('i', seq) FROM seq_1_to_5000");
            }
        }
        gateway = StagingGateway.start(dir, Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() throws Exception {
        gateway.close();
        TestServers.dropMysqlDatabase(staged);
        TestServers.dropMysqlDatabase(direct);
    }

    @Test
    void rewrittenStatementsLeaveTheSchemaTheDirectStatementsGive() throws Exception {
        try (Connection through = gateway.mysql(staged); Connection straight = TestServers.mysqlAdmin(direct)) {
            for (String sql : CORPUS) {
                try (Statement s = through.createStatement()) {
                    s.execute(sql);
                }
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() ->
                        gateway.migrations(staged).stream().allMatch(m -> m.state().finished()
                                || m.state() == Migration.State.FAILED));
                assertThat(gateway.migrations(staged)).allSatisfy(m ->
                        assertThat(m.state()).as("%s: %s", m.statement(), m.error()).isEqualTo(Migration.State.COMPLETED));
                try (Statement s = straight.createStatement()) {
                    s.execute(sql);
                }
            }
        }
        assertThat(gateway.migrations(staged)).as("the expression default was staged").hasSize(1);
        for (String[] q : CATALOG) {
            List<String> viaGateway = rows(staged, q[1]);
            List<String> asSent = rows(direct, q[1]);
            log.info("{}: {} rows alike", q[0], asSent.size());
            assertThat(viaGateway).as(q[0]).containsExactlyElementsOf(asSent);
        }
    }

    private static List<String> rows(String db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
}
