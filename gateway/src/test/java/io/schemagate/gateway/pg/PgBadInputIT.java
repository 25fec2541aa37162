package io.schemagate.gateway.pg;

import io.schemagate.gateway.testing.LeakWatch;
import io.schemagate.gateway.testing.PgGateway;
import io.schemagate.gateway.testing.RawPgClient;
import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.schemagate.gateway.testing.RawPgClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input closes only the connection it came on, with a reason, and leaks nothing; the gateway
 * goes on serving everyone else.
 */
class PgBadInputIT {

    private static final int MAX = 1024 * 1024;
    private static PgGateway gateway;
    private static String db;

    @BeforeAll
    static void start() throws Exception {
        db = TestServers.createPgDatabase("badin");
        gateway = PgGateway.to(TestServers.pgHostPort()).maxMessageBytes(MAX).start();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        TestServers.dropPgDatabase(db);
        assertThat(LeakWatch.collect()).as("buffers leaked by the relay").isEmpty();
    }

    @AfterEach
    void othersAreStillServed() throws Exception {
        try (Connection c = gateway.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 42")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    private static RawPgClient.Message onlyFatal(List<RawPgClient.Message> msgs) {
        assertThat(msgs).as("one FATAL ErrorResponse, then the close").hasSize(1);
        RawPgClient.Message e = msgs.get(0);
        assertThat(e.type()).isEqualTo('E');
        assertThat(e.field('S')).isEqualTo("FATAL");
        return e;
    }

    @Test
    void garbageFirstPacketIsRefused() throws Exception {
        try (RawPgClient raw = new RawPgClient(gateway.port())) {
            raw.send("GET / HTTP/1.1\r\nHost: db\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawPgClient.Message e = onlyFatal(raw.readToEnd());
            assertThat(e.field('C')).isEqualTo("08P01");
            assertThat(e.field('M')).contains("invalid length of startup packet");
        }
    }

    @Test
    void unsupportedProtocolVersionIsRefused() throws Exception {
        try (RawPgClient raw = new RawPgClient(gateway.port())) {
            raw.startup(2 << 16, params("user", "postgres"));
            RawPgClient.Message e = onlyFatal(raw.readToEnd());
            assertThat(e.field('M')).contains("unsupported frontend protocol 2.0");
        }
    }

    @Test
    void messageAboveMaxMessageBytesIsRefused() throws Exception {
        try (Connection c = gateway.connect(db); Statement s = c.createStatement()) {
            String huge = "SELECT '" + "x".repeat(2 * MAX) + "'";
            assertThatThrownBy(() -> s.execute(huge))
                    .isInstanceOf(PSQLException.class)
                    .hasMessageContaining("above the limit of " + MAX)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08P01"));
        }
    }

    @Test
    void declaredLengthAboveTheLimitIsRefusedBeforeTheBodyArrives() throws Exception {
        try (RawPgClient raw = startedSession()) {
            raw.send(ByteBuffer.allocate(5).put((byte) 'Q').putInt(Integer.MAX_VALUE).array());
            RawPgClient.Message e = onlyFatal(raw.readToEnd());
            assertThat(e.field('M')).contains("declares 2147483647 bytes");
        }
    }

    @Test
    void randomBytesAfterStartupAreRefused() throws Exception {
        byte[] junk = new byte[64];
        ThreadLocalRandom.current().nextBytes(junk);
        junk[0] = (byte) 0xA7; // no frontend message has this type
        try (RawPgClient raw = startedSession()) {
            raw.send(junk);
            RawPgClient.Message e = onlyFatal(raw.readToEnd());
            assertThat(e.field('C')).isEqualTo("08P01");
            assertThat(e.field('M')).contains("unknown frontend message type 0xa7");
        }
    }

    @Test
    void clientVanishingMidMessageEndsItsServerSession() throws Exception {
        int pid;
        try (RawPgClient raw = new RawPgClient(gateway.port())) {
            raw.startup(3 << 16, params("user", TestServers.pgUser(), "database", db));
            List<RawPgClient.Message> startup = raw.readUntil('Z');
            pid = ByteBuffer.wrap(startup.stream().filter(m -> m.type() == 'K').findFirst().orElseThrow().body()).getInt();
            // A Query that announces 1000 bytes and stops after 10.
            raw.send(ByteBuffer.allocate(15).put((byte) 'Q').putInt(1004).put("SELECT 1 +".getBytes(StandardCharsets.US_ASCII)).array());
        }
        assertBackendEnds(pid);
        assertThat(gateway.listener().sessions().byBackendPid(pid)).isNull();
    }

    @Test
    void serverThatCannotBeReachedIsReportedToTheClient() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (PgGateway nowhere = PgGateway.to("127.0.0.1:" + closedPort).start()) {
            assertThatThrownBy(() -> nowhere.connect("postgres").close())
                    .isInstanceOf(PSQLException.class)
                    .hasMessageContaining("could not connect to the server at")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"));
            // What a person sees: the reason and what to do.
            io.schemagate.gateway.testing.Psql.Result r = io.schemagate.gateway.testing.Psql.run(
                    "host=127.0.0.1 port=" + nowhere.port() + " user=postgres dbname=postgres", java.util.Map.of(), "SELECT 1");
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.stderr()).contains("FATAL:  the gateway could not connect to the server at 127.0.0.1:").contains("connection refused")
                    .contains("HINT:  check that the server is running");
        }
    }

    @Test
    void clientLeavingBeforeTheServerAnsweredClosesThatServerConnection() throws Exception {
        // A "server" that takes the gateway's SSLRequest and never answers: the client gives up
        // meanwhile, and the gateway must not keep the half-open server connection.
        try (ServerSocket silent = new ServerSocket(0);
             PgGateway g = PgGateway.to("127.0.0.1:" + silent.getLocalPort())
                     .upstreamTls(new io.schemagate.config.UpstreamTlsConfig(
                             io.schemagate.config.UpstreamTlsConfig.Mode.REQUIRE, null, null)).start()) {
            silent.setSoTimeout(10_000);
            try (RawPgClient raw = new RawPgClient(g.port())) {
                raw.startup(3 << 16, params("user", "postgres"));
                try (java.net.Socket upstream = silent.accept()) {
                    upstream.setSoTimeout(10_000);
                    byte[] sslRequest = upstream.getInputStream().readNBytes(8);
                    assertThat(ByteBuffer.wrap(sslRequest).getInt(4)).isEqualTo(80877103);
                    raw.close();
                    assertThat(upstream.getInputStream().read()).as("the gateway closed the server connection").isEqualTo(-1);
                }
            }
        }
    }

    private static RawPgClient startedSession() throws IOException {
        RawPgClient raw = new RawPgClient(gateway.port());
        raw.startup(3 << 16, params("user", TestServers.pgUser(), "database", db));
        raw.readUntil('Z');
        return raw;
    }

    private static void assertBackendEnds(int pid) throws SQLException, InterruptedException {
        try (Connection admin = TestServers.pgAdmin("postgres");
             PreparedStatement ps = admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            long deadline = System.nanoTime() + 10_000_000_000L;
            long alive;
            do {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    alive = rs.getLong(1);
                }
                if (alive > 0) {
                    Thread.sleep(20);
                }
            } while (alive > 0 && System.nanoTime() < deadline);
            assertThat(alive).as("server backend %d still alive", pid).isZero();
        }
    }
}
