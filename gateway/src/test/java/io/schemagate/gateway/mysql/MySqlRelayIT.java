package io.schemagate.gateway.mysql;

import com.mysql.cj.jdbc.JdbcConnection;
import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connector/J through the gateway to the shared MariaDB: authentication and the command phase. */
@ExtendWith(NoNettyLeaks.class)
class MySqlRelayIT {

    private static final String PLAIN = "sslMode=DISABLED&allowPublicKeyRetrieval=true";
    private static GatewayUnderTest gateway;
    private static String db;
    private static String user;
    private static final String PASSWORD = "s3cret-Pass";

    @BeforeAll
    static void start() throws Exception {
        db = TestServers.createMysqlDatabase("sg_relay");
        user = TestServers.uniqueName("sgu");
        try (Connection c = TestServers.mysqlAdmin(null); Statement s = c.createStatement()) {
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED VIA mysql_native_password USING PASSWORD('" + PASSWORD + "')");
            s.execute("GRANT ALL ON " + db + ".* TO '" + user + "'@'%'");
        }
        gateway = GatewayUnderTest.to(TestServers.mysqlHostPort()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        try (Connection c = TestServers.mysqlAdmin(null); Statement s = c.createStatement()) {
            s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
        }
        TestServers.dropMysqlDatabase(db);
    }

    private Connection connect(String params) throws SQLException {
        return DriverManager.getConnection(gateway.jdbcUrl(db, PLAIN + (params.isEmpty() ? "" : "&" + params)), user, PASSWORD);
    }

    @Test
    void nativePasswordLogsInAndSeesItsOwnServerConnectionId() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CURRENT_USER(), CONNECTION_ID(), DATABASE()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(user + "@%");
            assertThat(rs.getLong(2)).isEqualTo(((JdbcConnection) c).getSession().getThreadId());
            assertThat(rs.getString(3)).isEqualTo(db);
        }
    }

    @Test
    void wrongPasswordGetsTheServersAccessDenied() {
        assertThatThrownBy(() -> DriverManager.getConnection(gateway.jdbcUrl(db, PLAIN), user, "wrong"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied for user '" + user + "'");
    }

    @Test
    void multipleResultSetsFromOneQuery() throws Exception {
        try (Connection c = connect("allowMultiQueries=true"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE multi (id INT PRIMARY KEY, v VARCHAR(20))");
            assertThat(s.execute("INSERT INTO multi VALUES (1,'a'),(2,'b'); SELECT v FROM multi ORDER BY id; "
                    + "SELECT COUNT(*) FROM multi; UPDATE multi SET v='c' WHERE id=2")).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(2);
            assertThat(s.getMoreResults()).isTrue();
            List<String> vs = new ArrayList<>();
            try (ResultSet rs = s.getResultSet()) {
                while (rs.next()) {
                    vs.add(rs.getString(1));
                }
            }
            assertThat(vs).containsExactly("a", "b");
            assertThat(s.getMoreResults()).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(1);
            s.execute("DROP TABLE multi");
        }
    }

    @Test
    void serverSidePreparedStatementsPrepareExecuteResetClose() throws Exception {
        try (Connection c = connect("useServerPrepStmts=true&cachePrepStmts=false"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ps (id INT PRIMARY KEY, name VARCHAR(40), data BLOB)");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO ps VALUES (?, ?, ?)")) {
                for (int i = 1; i <= 3; i++) {
                    ins.setInt(1, i);
                    ins.setString(2, "row " + i);
                    ins.setBinaryStream(3, new ByteArrayInputStream(new byte[]{(byte) i}));
                    assertThat(ins.executeUpdate()).isEqualTo(1);
                    // Long data was sent (COM_STMT_SEND_LONG_DATA), so clearing sends COM_STMT_RESET.
                    ins.clearParameters();
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT id, name FROM ps WHERE id >= ? ORDER BY id")) {
                q.setInt(1, 2);
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(2)).isEqualTo("row 2");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.next()).isFalse();
                }
            }
            try (ResultSet rs = s.executeQuery("SHOW SESSION STATUS WHERE Variable_name IN "
                    + "('Com_stmt_prepare','Com_stmt_execute','Com_stmt_close','Com_stmt_reset','Com_stmt_send_long_data')")) {
                while (rs.next()) {
                    assertThat(rs.getLong(2)).as(rs.getString(1)).isGreaterThan(0);
                }
            }
            s.execute("DROP TABLE ps");
        }
    }

    @Test
    void cursorFetchThroughServerSidePreparedStatements() throws Exception {
        try (Connection c = connect("useServerPrepStmts=true&useCursorFetch=true"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE cursor_rows (id INT PRIMARY KEY)");
            s.execute("INSERT INTO cursor_rows SELECT seq FROM seq_1_to_25");
            try (PreparedStatement q = c.prepareStatement("SELECT id FROM cursor_rows WHERE id > ? ORDER BY id")) {
                q.setFetchSize(4);
                q.setInt(1, 5);
                int n = 0;
                long sum = 0;
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        n++;
                        sum += rs.getInt(1);
                    }
                }
                assertThat(n).isEqualTo(20);
                assertThat(sum).isEqualTo((6 + 25) * 20 / 2);
            }
            try (ResultSet rs = s.executeQuery("SELECT 'after the cursor'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("after the cursor");
            }
            s.execute("DROP TABLE cursor_rows");
        }
    }

    @Test
    void initDbPingAndChangeUser() throws Exception {
        try (Connection c = connect("")) {
            c.setCatalog("information_schema");
            assertThat(c.getCatalog()).isEqualTo("information_schema");
            assertThat(c.isValid(5)).isTrue();
            ((JdbcConnection) c).changeUser(TestServers.mysqlUser(), TestServers.mysqlPassword());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith(TestServers.mysqlUser() + "@");
            }
            ((JdbcConnection) c).changeUser(user, PASSWORD);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(user + "@%");
            }
        }
    }

    @Test
    void quitEndsTheServerThread() throws Exception {
        long id;
        try (Connection c = connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            id = rs.getLong(1);
        }
        try (Connection admin = TestServers.mysqlAdmin(null);
             PreparedStatement p = admin.prepareStatement("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?")) {
            p.setLong(1, id);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long n;
            do {
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    n = rs.getLong(1);
                }
            } while (n > 0 && System.nanoTime() < deadline);
            assertThat(n).as("server thread %d after COM_QUIT", id).isZero();
        }
    }

    @Test
    void loadDataLocalInfileIsRelayed(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("rows.tsv");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            rows.append(i).append('\t').append("name-").append(i).append('\n');
        }
        Files.writeString(file, rows.toString());
        try (Connection c = connect("allowLoadLocalInfile=true"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE loaded (id INT, name VARCHAR(20))");
            int loaded = s.executeUpdate("LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE loaded");
            assertThat(loaded).isEqualTo(1000);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(name) FROM loaded")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1000);
            }
            s.execute("DROP TABLE loaded");
        }
    }

    @Test
    void loadDataLocalInfileRefusedByPolicyLeavesTheConnectionUsable(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path file = tmp.resolve("rows.tsv");
        Files.writeString(file, "1\ta\n2\tb\n", StandardCharsets.UTF_8);
        try (GatewayUnderTest strict = GatewayUnderTest.to(TestServers.mysqlHostPort()).localInfile(false).start();
             Connection c = DriverManager.getConnection(strict.jdbcUrl(db, PLAIN + "&allowLoadLocalInfile=true"), user, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE refused (id INT, name VARCHAR(20))");
            assertThatThrownBy(() -> s.executeUpdate("LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE refused"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("LOAD DATA LOCAL INFILE is disabled by the gateway's policy");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM refused")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            s.execute("DROP TABLE refused");
        }
    }

    @Test
    @Timeout(60)
    void cancelFromASecondConnectionKillsTheRightQuery() throws Exception {
        try (Connection c = connect(""); Connection bystander = connect(""); Statement s = c.createStatement()) {
            CompletableFuture<Object> sleeping = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = s.executeQuery("SELECT SLEEP(30)")) {
                    rs.next();
                    return rs.getInt(1);
                } catch (SQLException e) {
                    return e;
                }
            });
            long id = ((JdbcConnection) c).getSession().getThreadId();
            try (Connection admin = TestServers.mysqlAdmin(null);
                 PreparedStatement p = admin.prepareStatement(
                         "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO LIKE 'SELECT SLEEP%'")) {
                p.setLong(1, id);
                int running = 0;
                while (running == 0) {
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        running = rs.getInt(1);
                    }
                }
            }
            // Connector/J opens a new connection (through the gateway) and sends KILL QUERY <thread id>.
            s.cancel();
            Object outcome = sleeping.get(40, TimeUnit.SECONDS);
            // SLEEP() returns 1 when interrupted; when the server reports ER_QUERY_INTERRUPTED (1317)
            // instead, Connector/J raises it as is or, when it notices its own cancel, as "cancelled".
            if (outcome instanceof SQLException e) {
                assertThat(e instanceof com.mysql.cj.jdbc.exceptions.MySQLStatementCancelledException
                        || e.getErrorCode() == 1317).as(e.toString()).isTrue();
            } else {
                assertThat(outcome).isEqualTo(1);
            }
            try (Statement bs = bystander.createStatement(); ResultSet rs = bs.executeQuery("SELECT 7")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
            try (Statement again = c.createStatement(); ResultSet rs = again.executeQuery("SELECT 8")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(8);
            }
        }
    }
}
