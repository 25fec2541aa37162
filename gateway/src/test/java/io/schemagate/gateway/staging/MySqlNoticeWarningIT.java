package io.schemagate.gateway.staging;

import io.schemagate.gateway.executor.Migration;
import io.schemagate.gateway.mysql.Cli;
import io.schemagate.gateway.testing.LeakWatch;
import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;

import static io.schemagate.gateway.staging.StagedAddColumnPgIT.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 5 (b), MariaDB: a client whose statement the gateway staged hears about it the way MySQL
 * clients hear about anything: its OK packet carries a warning, and {@code SHOW WARNINGS} lists the
 * notice with the migration id. Connector/J reads it as the statement's SQLWarning; the mariadb
 * command-line client prints the warning count and, with {@code \W}, the warning itself.
 */
class MySqlNoticeWarningIT {

    private static final String ALTER = "ALTER TABLE orders ADD COLUMN %s int NOT NULL DEFAULT (FLOOR(RAND()*100))";

    @TempDir
    Path dir;
    String db;
    StagingGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createMysqlDatabase("sg_warn_my");
        try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, qty int NOT NULL) ENGINE=InnoDB");
            s.execute("INSERT INTO orders SELECT seq, seq % 7 FROM seq_1_to_1000");
        }
        gateway = StagingGateway.start(dir, Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    @AfterAll
    static void noBufferLeaked() {
        assertThat(LeakWatch.collect()).as("Netty buffers never released").isEmpty();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        TestServers.dropMysqlDatabase(db);
    }

    @Test
    void connectorJSeesTheMigrationIdAsTheStatementsWarning() throws Exception {
        try (Connection c = gateway.mysql(db); Statement s = c.createStatement()) {
            s.execute(ALTER.formatted("c"));
            // Connector/J asks SHOW WARNINGS only when the OK packet's warning count is above zero.
            SQLWarning w = s.getWarnings();
            assertThat((Object) w).as("the OK carried a warning count").isNotNull();
            Migration m = gateway.migrations(db).get(0);
            assertThat(w.getMessage()).isEqualTo("schemagate: staged migration " + m.id()
                    + ": 3 background step(s) follow (schemagate migrations show " + m.id() + ")");
            assertThat(w.getErrorCode()).isEqualTo(1642);
            assertThat((Object) w.getNextWarning()).as("one warning, nothing else").isNull();
            try (ResultSet rs = s.executeQuery("SHOW WARNINGS")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("Level")).isEqualTo("Warning");
                assertThat(rs.getString("Message")).contains(m.id());
            }
            // Like any warning, it lasts until the next statement.
            s.execute("SELECT 1");
            assertThat((Object) s.getWarnings()).isNull();
        }
        gateway.awaitCompleted(db, 1, Duration.ofMinutes(2));
    }

    @Test
    void quotesAndBackslashesInTheNoticeArriveAsTheyWere() throws Exception {
        // A guard-only rewrite (ALGORITHM=INSTANT added, nothing in the background): its notice quotes the SQL.
        String add = "ALTER TABLE orders ADD COLUMN note varchar(40) DEFAULT 'it''s a \\\\ path'";
        try (Connection c = gateway.mysql(db); Statement s = c.createStatement()) {
            s.execute(add);
            SQLWarning w = s.getWarnings();
            assertThat((Object) w).isNotNull();
            assertThat(w.getMessage()).startsWith("schemagate: ran the safe form instead: ")
                    .contains("DEFAULT 'it''s a \\\\ path'");
        }
        try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT note FROM orders WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("the statement itself ran as written").isEqualTo("it's a \\ path");
        }
        assertThat(gateway.migrations(db)).isEmpty();
    }

    @Test
    void aFailedStatementGetsTheServersErrorAndNoWarning() throws Exception {
        try (Connection c = gateway.mysql(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE other (id bigint PRIMARY KEY) ENGINE=InnoDB");
            s.execute("ALTER TABLE other ADD COLUMN c int NULL");
            SQLException e = catchThrowableOfType(() -> s.execute(
                    "ALTER TABLE other ADD COLUMN c int NOT NULL DEFAULT (FLOOR(RAND()*100))"), SQLException.class);
            assertThat((Object) e).as("the in-band step's own error").isNotNull();
            assertThat(e.getErrorCode()).isEqualTo(1060);
            assertThat(e.getMessage()).contains("Duplicate column name 'c'");
            assertThat(one(s, "SELECT 41 + 1")).as("the connection goes on").isEqualTo(42);
            assertThat((Object) s.getWarnings()).isNull();
        }
        gateway.awaitOnly(db, Migration.State.DISCARDED);
    }

    @Test
    void theMariadbClientPrintsTheWarningCountAndTheWarning() throws Exception {
        Cli.Result r = Cli.mariadb(gateway.mysqlPort(), TestServers.mysqlUser(), TestServers.mysqlPassword(),
                "-vvv", db, "-e", "\\W " + ALTER.formatted("c"));
        assertThat(r.exitCode()).as(r.out()).isZero();
        Migration m = gateway.migrations(db).get(0);
        assertThat(r.out()).contains("Query OK, 0 rows affected, 1 warning")
                .contains("Warning (Code 1642): schemagate: staged migration " + m.id() + ": 3 background step(s) follow");
        gateway.awaitCompleted(db, 1, Duration.ofMinutes(2));
    }
}
