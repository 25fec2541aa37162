package io.schemagate.gateway.mysql;

import io.schemagate.gateway.testing.TestServers;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.gate.StatementGate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * COM_QUERY and COM_STMT_PREPARE through a tiny {@link StatementGate} that answers on another thread:
 * refused statements never reach the server and the client gets an ERR it can read, rewritten ones
 * run as rewritten, and the gate sees the session's transaction state.
 */
@ExtendWith(NoNettyLeaks.class)
class MySqlGateIT {

    private static final int REFUSED = 1290;
    private static final ExecutorService judges = Executors.newSingleThreadExecutor();
    private static final List<GateRequest> seen = new CopyOnWriteArrayList<>();
    private static GatewayUnderTest gateway;
    private static String db;

    /** Refuses text containing "refuse_me", rewrites "SELECT 'rewrite-me'", forwards the rest. */
    static final class TestGate implements StatementGate {
        @Override
        public CompletionStage<GateVerdict> judge(GateRequest r) {
            return CompletableFuture.supplyAsync(() -> {
                seen.add(r);
                if (r.sql().contains("refuse_me")) {
                    return new GateVerdict.Refuse("HY000", REFUSED, "refused by the test gate", "rule test-rule",
                            "CREATE TABLE allowed_instead (id INT)");
                }
                if (r.sql().equals("SELECT 'rewrite-me'")) {
                    return new GateVerdict.Forward("SELECT 'rewritten'", List.of("rewritten by the test gate"));
                }
                return GateVerdict.Forward.UNCHANGED;
            }, judges);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        db = TestServers.createMysqlDatabase("sg_gate");
        gateway = GatewayUnderTest.to(TestServers.mysqlHostPort()).gate(new TestGate()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        judges.shutdownNow();
        TestServers.dropMysqlDatabase(db);
    }

    private Connection connect(String params) throws SQLException {
        return DriverManager.getConnection(gateway.jdbcUrl(db, "sslMode=DISABLED&allowPublicKeyRetrieval=true" + params),
                TestServers.mysqlUser(), TestServers.mysqlPassword());
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void refusedQueryNeverReachesTheServerAndTheConnectionStaysUsable() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("CREATE TABLE refuse_me (id INT)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(REFUSED);
                        assertThat(e.getMessage()).contains("refused by the test gate").contains("rule test-rule")
                                .contains("CREATE TABLE allowed_instead");
                    });
            assertThat(one(s, "SELECT 'still usable'")).isEqualTo("still usable");
        }
        try (Connection admin = TestServers.mysqlAdmin(db); Statement s = admin.createStatement()) {
            assertThat(one(s, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                    + "' AND TABLE_NAME = 'refuse_me'")).isEqualTo("0");
        }
    }

    @Test
    void rewrittenQueryRunsAsRewritten() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            assertThat(one(s, "SELECT 'rewrite-me'")).isEqualTo("rewritten");
        }
    }

    @Test
    void serverSidePrepareIsJudgedToo() throws Exception {
        // Without emulateUnsupportedPstmts=false Connector/J quietly falls back to a client-side prepare.
        try (Connection c = connect("&useServerPrepStmts=true&emulateUnsupportedPstmts=false")) {
            assertThatThrownBy(() -> c.prepareStatement("SELECT 'refuse_me' FROM DUAL WHERE 1 = ?"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(REFUSED));
            try (var p = c.prepareStatement("SELECT ? + 1")) {
                p.setInt(1, 41);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(42);
                }
            }
        }
        assertThat(seen).anyMatch(r -> r.origin() == GateRequest.Origin.MYSQL_COM_STMT_PREPARE
                && r.sql().equals("SELECT ? + 1"));
    }

    @Test
    void statementLongerThanOnePacketIsJudgedWhole() throws Exception {
        PrivateMariaDb big = PrivateMariaDb.get();
        String literal = "x".repeat(17 * 1024 * 1024);
        String sql = "SELECT LENGTH('" + literal + "')";
        try (GatewayUnderTest gw = GatewayUnderTest.to(big.hostPort()).gate(new TestGate()).start();
             Connection c = DriverManager.getConnection(gw.jdbcUrl(null, "sslMode=DISABLED&maxAllowedPacket=67108864"),
                     "root", "");
             Statement s = c.createStatement()) {
            assertThat(one(s, sql)).isEqualTo(Integer.toString(literal.length()));
            assertThatThrownBy(() -> one(s, sql.replace("SELECT LENGTH('", "SELECT LENGTH('refuse_me")))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(REFUSED));
            assertThat(one(s, "SELECT 'after'")).isEqualTo("after");
        }
        assertThat(seen).anyMatch(r -> r.sql().length() == sql.length() && r.sql().equals(sql));
    }

    @Test
    void commandsPipelinedInOneWriteAreAnsweredInOrder() throws Exception {
        // Each burst is one TCP write, so the relay reads it as one run. The pings need no judgment and
        // stay in the run; each query is judged, and the packets behind it wait their turn.
        ByteArrayOutputStream forwarded = new ByteArrayOutputStream();
        command(forwarded, 0x0E, "");
        command(forwarded, 0x03, "SELECT 'one'");
        command(forwarded, 0x0E, "");
        command(forwarded, 0x03, "SELECT 'two'");
        command(forwarded, 0x0E, "");
        ByteArrayOutputStream refusedFirst = new ByteArrayOutputStream();
        command(refusedFirst, 0x03, "CREATE TABLE refuse_me_pipelined (id INT)");
        command(refusedFirst, 0x0E, "");
        command(refusedFirst, 0x03, "SELECT 'after'");
        try (RawClient c = new RawClient(gateway.port())) {
            RawClient.Packet login = c.login(TestServers.mysqlUser(), TestServers.mysqlPassword());
            assertThat(login.isOk()).as(login.text()).isTrue();
            c.writeRaw(forwarded.toByteArray());
            assertThat(c.read().isOk()).isTrue();
            assertThat(singleValue(c)).isEqualTo("one");
            assertThat(c.read().isOk()).isTrue();
            assertThat(singleValue(c)).isEqualTo("two");
            assertThat(c.read().isOk()).isTrue();
            c.writeRaw(refusedFirst.toByteArray());
            RawClient.Packet refused = c.read();
            assertThat(refused.isErr()).isTrue();
            assertThat(refused.errorCode()).isEqualTo(REFUSED);
            assertThat(refused.seq()).isEqualTo(1);
            assertThat(c.read().isOk()).isTrue();
            assertThat(singleValue(c)).isEqualTo("after");
        }
    }

    @Test
    void aRefusalWaitsForTheAnswersToCommandsPipelinedBeforeIt() throws Exception {
        // The first query is still running on the server when the gate refuses the second: the
        // gateway's ERR must not overtake the server's answer to the first.
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        command(burst, 0x03, "SELECT 'slow' FROM (SELECT SLEEP(0.5)) AS s");
        command(burst, 0x0E, "");
        command(burst, 0x03, "CREATE TABLE refuse_me_behind (id INT)");
        command(burst, 0x03, "SELECT 'after'");
        try (RawClient c = new RawClient(gateway.port())) {
            RawClient.Packet login = c.login(TestServers.mysqlUser(), TestServers.mysqlPassword());
            assertThat(login.isOk()).as(login.text()).isTrue();
            c.writeRaw(burst.toByteArray());
            assertThat(singleValue(c)).isEqualTo("slow");
            assertThat(c.read().isOk()).isTrue();
            RawClient.Packet refused = c.read();
            assertThat(refused.isErr()).as(refused.text()).isTrue();
            assertThat(refused.errorCode()).isEqualTo(REFUSED);
            assertThat(refused.seq()).isEqualTo(1);
            assertThat(singleValue(c)).isEqualTo("after");
            // The session goes on as usual.
            c.write(0, new byte[]{0x0E});
            assertThat(c.read().isOk()).isTrue();
        }
    }

    private static void command(ByteArrayOutputStream out, int command, String text) {
        byte[] sql = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(RawClient.header(1 + sql.length, 0));
        out.write(command);
        out.writeBytes(sql);
    }

    /** Reads a one-column, one-row text result set (with EOF packets) and returns its value. */
    private static String singleValue(RawClient c) throws Exception {
        assertThat(c.read().payload()).containsExactly(1);
        c.read();
        assertThat(c.read().payload()[0] & 0xFF).isEqualTo(0xFE);
        byte[] row = c.read().payload();
        assertThat(c.read().payload()[0] & 0xFF).isEqualTo(0xFE);
        return new String(row, 1, row[0], StandardCharsets.UTF_8);
    }

    @Test
    void theGateFollowsUseInitDbAndChangesOnlyWhenTheServerAgrees() throws Exception {
        String other = TestServers.createMysqlDatabase("sg_gate_use");
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("USE " + other);
            one(s, "SELECT 'probe-after-use'");
            assertThatThrownBy(() -> s.execute("USE sg_gate_no_such_database")).isInstanceOf(SQLException.class);
            one(s, "SELECT 'probe-after-failed-use'");
            s.execute("/* back */ USE `" + db + "`;");
            one(s, "SELECT 'probe-after-use-back'");
            // MariaDB runs the text of an executable comment.
            s.execute("/*!50000 USE */ " + other);
            one(s, "SELECT 'probe-after-executable-use'");
        } finally {
            TestServers.dropMysqlDatabase(other);
        }
        assertThat(principalDatabaseOf("probe-after-use")).isEqualTo(other);
        assertThat(principalDatabaseOf("probe-after-failed-use")).isEqualTo(other);
        assertThat(principalDatabaseOf("probe-after-use-back")).isEqualTo(db);
        assertThat(principalDatabaseOf("probe-after-executable-use")).isEqualTo(other);
    }

    @Test
    void aCommandPipelinedBehindInitDbIsJudgedInTheNewDatabase() throws Exception {
        String other = TestServers.createMysqlDatabase("sg_gate_initdb");
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        command(burst, 0x02, other);
        command(burst, 0x03, "SELECT 'probe-behind-init-db'");
        try (RawClient c = new RawClient(gateway.port())) {
            RawClient.Packet login = c.login(TestServers.mysqlUser(), TestServers.mysqlPassword());
            assertThat(login.isOk()).as(login.text()).isTrue();
            c.writeRaw(burst.toByteArray());
            assertThat(c.read().isOk()).isTrue();
            assertThat(singleValue(c)).isEqualTo("probe-behind-init-db");
        } finally {
            TestServers.dropMysqlDatabase(other);
        }
        assertThat(principalDatabaseOf("probe-behind-init-db")).isEqualTo(other);
    }

    @Test
    void aRefusedUseChangesNothingAndTheSessionGoesOn() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            // The test gate refuses any text with refuse_me: this USE is judged, refused and never run.
            assertThatThrownBy(() -> s.execute("USE refuse_me /* judged */")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("refused by the test gate");
            one(s, "SELECT 'probe-after-refused-use'");
        }
        assertThat(principalDatabaseOf("probe-after-refused-use")).isEqualTo(db);
    }

    private static String principalDatabaseOf(String probe) {
        return seen.stream().filter(r -> r.sql().contains("'" + probe + "'")).findFirst().orElseThrow().principal().database();
    }

    @Test
    void gateSeesTheTransactionStateAndThePrincipal() throws Exception {
        try (Connection c = connect(""); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            one(s, "SELECT 'probe-in-tx'");
            s.execute("COMMIT");
            one(s, "SELECT 'probe-after-tx'");
        }
        GateRequest inTx = seen.stream().filter(r -> r.sql().contains("probe-in-tx")).findFirst().orElseThrow();
        GateRequest after = seen.stream().filter(r -> r.sql().contains("probe-after-tx")).findFirst().orElseThrow();
        assertThat(inTx.inTransactionBlock()).isTrue();
        assertThat(after.inTransactionBlock()).isFalse();
        assertThat(inTx.principal().user()).isEqualTo(TestServers.mysqlUser());
        assertThat(inTx.principal().database()).isEqualTo(db);
        assertThat(inTx.principal().clientAddress()).isEqualTo("127.0.0.1");
    }
}
