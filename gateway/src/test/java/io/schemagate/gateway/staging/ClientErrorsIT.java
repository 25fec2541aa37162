package io.schemagate.gateway.staging;

import io.schemagate.gateway.testing.Psql;
import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static io.schemagate.gateway.staging.StagedAddColumnPgIT.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 5: what real clients see when the gateway does not run a statement as sent, as documented
 * in docs/errors.md: rejected 42501 / MySQL 1227, held for approval 55000 / 1644, a staged rewrite
 * in a multi-statement batch 0A000 / 1235; and the notice psql prints for a rewrite. Every error
 * leaves the connection usable.
 */
class ClientErrorsIT {

    @TempDir
    static Path dir;
    static String pgDb;
    static String myDb;
    static StagingGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        pgDb = TestServers.createPgDatabase("sg_errors_pg");
        myDb = TestServers.createMysqlDatabase("sg_errors_my");
        try (Connection c = TestServers.pgAdmin(pgDb); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, qty int NOT NULL, note text)");
            s.execute("INSERT INTO orders SELECT g, g % 7, 'n' FROM generate_series(1, 1000) g");
        }
        try (Connection c = TestServers.mysqlAdmin(myDb); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, qty int NOT NULL, note varchar(20))");
            s.execute("INSERT INTO orders SELECT seq, seq % 7, 'n' FROM seq_1_to_1000");
        }
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                version: 1
                rules:
                  - id: no-truncate
                    match: { operations: [truncate] }
                    action: reject
                    message: "Truncating is not done through the gateway."
                  - id: drops-need-approval
                    match: { operations: [drop-column, drop-table] }
                    action: require_approval
                    message: "Dropping loses data: a second person approves it."
                """);
        gateway = StagingGateway.start(dir, Duration.ofMillis(200), Duration.ofSeconds(2), policy);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        TestServers.dropPgDatabase(pgDb);
        TestServers.dropMysqlDatabase(myDb);
    }

    private static SQLException failing(Statement s, String sql) {
        SQLException e = catchThrowableOfType(() -> s.execute(sql), SQLException.class);
        assertThat(e != null).as("%s is refused", sql).isTrue();
        return e;
    }

    @Test
    void pgjdbcSeesRejectionApprovalAndBatchErrors() throws Exception {
        for (String mode : new String[] {"extended", "simple"}) {
            Properties p = new Properties();
            p.setProperty("preferQueryMode", mode);
            try (Connection c = gateway.pg(pgDb, p); Statement s = c.createStatement()) {
                SQLException rejected = failing(s, "TRUNCATE orders");
                assertThat(rejected.getSQLState()).isEqualTo("42501");
                assertThat(rejected.getMessage()).contains("schemagate:").contains("Truncating is not done");
                assertThat(((PSQLException) rejected).getServerErrorMessage().getDetail()).contains("no-truncate");

                SQLException held = failing(s, "ALTER TABLE orders DROP COLUMN note");
                assertThat(held.getSQLState()).isEqualTo("55000");
                assertThat(held.getMessage()).containsPattern("change chg_\\w+");
                assertThat(((PSQLException) held).getServerErrorMessage().getHint()).contains("schemagate approvals approve chg_");

                assertThat(one(s, "SELECT count(*) FROM orders")).as("nothing reached the server; the connection goes on")
                        .isEqualTo(1000);
            }
        }
        // A staged rewrite inside a multi-statement query string: pgjdbc sends it as one simple Query.
        Properties simple = new Properties();
        simple.setProperty("preferQueryMode", "simple");
        try (Connection c = gateway.pg(pgDb, simple); Statement s = c.createStatement()) {
            SQLException batch = failing(s, "SELECT 1; CREATE INDEX orders_qty_idx ON orders (qty)");
            assertThat(batch.getSQLState()).isEqualTo("0A000");
            assertThat(batch.getMessage()).contains("send that statement on its own");
            assertThat(one(s, "SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_qty_idx'")).isZero();
        }
    }

    @Test
    void connectorJSeesRejectionApprovalAndBatchErrors() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + gateway.mysqlPort() + "/" + myDb
                        + "?allowPublicKeyRetrieval=true&useSSL=false&allowMultiQueries=true", TestServers.mysqlUser(),
                TestServers.mysqlPassword()); Statement s = c.createStatement()) {
            SQLException rejected = failing(s, "TRUNCATE orders");
            assertThat(rejected.getErrorCode()).isEqualTo(1227);
            assertThat(rejected.getSQLState()).isEqualTo("42000");
            assertThat(rejected.getMessage()).contains("schemagate:").contains("Truncating is not done");

            SQLException held = failing(s, "ALTER TABLE orders DROP COLUMN note");
            assertThat(held.getErrorCode()).isEqualTo(1644);
            assertThat(held.getSQLState()).isEqualTo("45000");
            assertThat(held.getMessage()).containsPattern("change chg_\\w+");

            SQLException batch = failing(s, "SELECT 1; ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (FLOOR(RAND()*100))");
            assertThat(batch.getErrorCode()).isEqualTo(1235);
            assertThat(batch.getSQLState()).isEqualTo("42000");

            assertThat(one(s, "SELECT count(*) FROM orders")).isEqualTo(1000);
            assertThat(one(s, "SELECT count(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_NAME = 'orders' AND COLUMN_NAME IN ('c', 'note')")).as("note kept, c not added").isEqualTo(1);
        }
    }

    @Test
    void psqlShowsTheNoticeOfARewrite() throws Exception {
        Psql.Result r = Psql.run("host=127.0.0.1 port=" + gateway.pgPort() + " user=" + TestServers.pgUser()
                + " dbname=" + pgDb, Map.of(), "CREATE INDEX orders_note_idx ON orders (note)");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("NOTICE:  schemagate: staged migration mig_");
        // A plan with no in-band step runs a DO block on the client's connection, shown with the statement's tag.
        assertThat(r.stdout().trim()).isEqualTo("CREATE INDEX");
        gateway.awaitCompleted(pgDb, 1, Duration.ofMinutes(1));
        try (Connection c = TestServers.pgAdmin(pgDb); Statement s = c.createStatement()) {
            assertThat(one(s, "SELECT count(*) FROM pg_index WHERE indexrelid = 'orders_note_idx'::regclass AND indisvalid"))
                    .isEqualTo(1);
        }
    }
}
