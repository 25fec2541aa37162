package io.schemagate.gateway.pg;

import io.schemagate.gateway.testing.LeakWatch;
import io.schemagate.gateway.testing.PgGateway;
import io.schemagate.gateway.testing.RawPgClient;
import io.schemagate.gateway.testing.TestServers;
import io.schemagate.pg.message.backend.TransactionStatus;
import io.schemagate.pg.relay.PgSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static io.schemagate.gateway.testing.RawPgClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unlike a pooler, the gateway lets the client and the server talk to each other directly. */
class PgTransparencyIT {

    private static PgGateway gateway;
    private static String db;

    @BeforeAll
    static void start() throws Exception {
        db = TestServers.createPgDatabase("transp");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA app_schema");
        }
        gateway = PgGateway.toMainServer();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        TestServers.dropPgDatabase(db);
        assertThat(LeakWatch.collect()).isEmpty();
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT current_setting('" + setting + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void everyStartupParameterReachesTheServer() throws Exception {
        Properties p = new Properties();
        p.setProperty("ApplicationName", "transparent-app");
        p.setProperty("options", "-c statement_timeout=4321 -c work_mem=8MB");
        p.setProperty("currentSchema", "app_schema");
        p.setProperty("assumeMinServerVersion", "9.0");
        try (Connection c = gateway.connect(db, p); Statement s = c.createStatement()) {
            assertThat(show(s, "application_name")).isEqualTo("transparent-app");
            assertThat(show(s, "statement_timeout")).isEqualTo("4321ms");
            assertThat(show(s, "work_mem")).isEqualTo("8MB");
            assertThat(show(s, "search_path")).isEqualTo("app_schema");
        }
    }

    @Test
    void requestedMinorVersionReachesTheServerWhichNegotiatesItself() throws Exception {
        try (RawPgClient raw = new RawPgClient(gateway.port())) {
            // Protocol 3.9999 with an unknown protocol option: PostgreSQL 15 speaks 3.0 and says so in
            // NegotiateProtocolVersion ('v'), naming the option it did not recognise. Only the server
            // can have written that answer.
            raw.startup(3 << 16 | 9999, params("user", TestServers.pgUser(), "database", db,
                    "_pq_.schemagate_probe", "on"));
            List<RawPgClient.Message> msgs = raw.readUntil('Z');
            RawPgClient.Message v = msgs.stream().filter(m -> m.type() == 'v').findFirst()
                    .orElseThrow(() -> new AssertionError("no NegotiateProtocolVersion in " + msgs));
            ByteBuffer b = ByteBuffer.wrap(v.body());
            // PostgreSQL writes PG_PROTOCOL_LATEST here, the whole version number: 3.0.
            assertThat(b.getInt()).as("newest version the server supports").isEqualTo(3 << 16);
            assertThat(b.getInt()).as("unrecognised options").isEqualTo(1);
            assertThat(v.text()).contains("_pq_.schemagate_probe");
        }
    }

    @Test
    void backendKeyDataIsTheServersOwnAndTerminatingThatPidEndsThisSession() throws Exception {
        try (Connection c = gateway.connect(db); Statement s = c.createStatement()) {
            int pid;
            try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            PgSession session = gateway.listener().sessions().byBackendPid(pid);
            assertThat(session).as("the session whose BackendKeyData carried pid %d", pid).isNotNull();
            try (Connection admin = TestServers.pgAdmin("postgres"); Statement a = admin.createStatement()) {
                a.execute("SELECT pg_terminate_backend(" + pid + ")");
            }
            // The server's FATAL 57P01 reaches the client, which then sees the connection closed.
            assertThatThrownBy(() -> s.executeQuery("SELECT 1"))
                    .isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("57P01", "08006"));
            assertThat(c.isValid(2)).isFalse();
        }
    }

    @Test
    void rawClientSeesTheServersFatalAndCloseOnTerminate() throws Exception {
        try (RawPgClient raw = new RawPgClient(gateway.port())) {
            raw.startup(3 << 16, params("user", TestServers.pgUser(), "database", db));
            List<RawPgClient.Message> startup = raw.readUntil('Z');
            RawPgClient.Message key = startup.stream().filter(m -> m.type() == 'K').findFirst().orElseThrow();
            int pid = ByteBuffer.wrap(key.body()).getInt();
            raw.query("SELECT pg_backend_pid()");
            List<RawPgClient.Message> answer = raw.readUntil('Z');
            String returnedPid = answer.stream().filter(m -> m.type() == 'D').findFirst().orElseThrow().text();
            assertThat(returnedPid).endsWith(String.valueOf(pid));
            try (Connection admin = TestServers.pgAdmin("postgres"); Statement a = admin.createStatement()) {
                a.execute("SELECT pg_terminate_backend(" + pid + ")");
            }
            List<RawPgClient.Message> end = raw.readToEnd();
            assertThat(end).as("the server's own FATAL, then the close").hasSize(1);
            assertThat(end.get(0).type()).isEqualTo('E');
            assertThat(end.get(0).field('C')).isEqualTo("57P01");
            assertThat(end.get(0).field('M')).isEqualTo("terminating connection due to administrator command");
        }
    }

    @Test
    void transactionStatusIsTrackedPerSession() throws Exception {
        try (Connection c = gateway.connect(db); Connection other = gateway.connect(db); Statement s = c.createStatement()) {
            PgSession session = sessionOf(s);
            PgSession otherSession = sessionOf(other.createStatement());
            assertThat(session.txStatus()).isEqualTo(TransactionStatus.IDLE);
            c.setAutoCommit(false);
            s.execute("SELECT 1");
            assertThat(session.txStatus()).isEqualTo(TransactionStatus.IN_TRANSACTION);
            assertThat(otherSession.txStatus()).isEqualTo(TransactionStatus.IDLE);
            assertThatThrownBy(() -> s.execute("SELECT 1/0")).isInstanceOf(PSQLException.class);
            assertThat(session.txStatus()).isEqualTo(TransactionStatus.FAILED);
            c.rollback();
            assertThat(session.txStatus()).isEqualTo(TransactionStatus.IDLE);
            assertThat(session.principal().database()).isEqualTo(db);
            assertThat(session.principal().user()).isEqualTo(TestServers.pgUser());
            assertThat(session.principal().clientAddress()).isEqualTo("127.0.0.1");
        }
    }

    private static PgSession sessionOf(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return gateway.listener().sessions().byBackendPid(rs.getInt(1));
        }
    }
}
