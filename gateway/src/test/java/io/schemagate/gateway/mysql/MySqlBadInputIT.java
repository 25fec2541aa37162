package io.schemagate.gateway.mysql;

import io.schemagate.gateway.testing.TestServers;
import io.schemagate.mysql.packet.ErrPacket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Malformed and vanishing peers: each bad connection ends with a logged reason (and an ERR packet
 * where the protocol allows one), a bystander connection keeps working, and Netty's leak detector
 * (paranoid in tests) reports nothing.
 */
@ExtendWith(NoNettyLeaks.class)
class MySqlBadInputIT {

    private static final int MAX = 64 * 1024;
    private static GatewayUnderTest gateway;
    private static Connection bystander;
    private static LogCapture relayLog;

    @BeforeAll
    static void start() throws Exception {
        relayLog = new LogCapture("io.schemagate.mysql.relay.RelaySession");
        gateway = GatewayUnderTest.to(TestServers.mysqlHostPort()).maxMessageBytes(MAX).start();
        bystander = DriverManager.getConnection(gateway.jdbcUrl(null, "sslMode=DISABLED&allowPublicKeyRetrieval=true"),
                TestServers.mysqlUser(), TestServers.mysqlPassword());
    }

    @AfterEach
    void bystanderStillWorks() throws SQLException {
        try (Statement s = bystander.createStatement(); ResultSet rs = s.executeQuery("SELECT 'still here'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        bystander.close();
        gateway.close();
        relayLog.close();
    }

    private RawClient loggedIn() throws Exception {
        RawClient c = new RawClient(gateway.port());
        RawClient.Packet answer = c.login(TestServers.mysqlUser(), TestServers.mysqlPassword());
        assertThat(answer.isOk()).as(answer.text()).isTrue();
        return c;
    }

    @Test
    void garbageHandshakeResponseGetsBadHandshake() throws Exception {
        try (RawClient c = new RawClient(gateway.port())) {
            c.read();
            byte[] garbage = "this is not a handshake response at all!".getBytes(StandardCharsets.US_ASCII);
            c.write(1, garbage);
            RawClient.Packet err = c.read();
            assertThat(err.isErr()).isTrue();
            assertThat(err.errorCode()).isEqualTo(ErrPacket.ER_HANDSHAKE_ERROR);
            assertThat(err.seq()).isEqualTo(2);
            assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(relayLog.await("Bad handshake")).isNotNull();
    }

    @Test
    void handshakeResponseWithTheWrongSequenceId() throws Exception {
        try (RawClient c = new RawClient(gateway.port())) {
            c.read();
            c.write(7, new byte[40]);
            RawClient.Packet err = c.read();
            assertThat(err.errorCode()).isEqualTo(ErrPacket.ER_NET_PACKETS_OUT_OF_ORDER);
            assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(relayLog.await("with sequence id 7 where 1 was due")).isNotNull();
    }

    @Test
    void commandWithTheWrongSequenceId() throws Exception {
        try (RawClient c = loggedIn()) {
            c.write(3, "\u0003SELECT 1".getBytes(StandardCharsets.US_ASCII));
            RawClient.Packet err = c.read();
            assertThat(err.isErr()).isTrue();
            assertThat(err.errorCode()).isEqualTo(ErrPacket.ER_NET_PACKETS_OUT_OF_ORDER);
            assertThat(err.text()).contains("a command starts at 0");
            assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(relayLog.await("client sent a command with sequence id 3")).isNotNull();
    }

    @Test
    void declaredLengthAboveTheMaximum() throws Exception {
        try (RawClient c = loggedIn()) {
            c.writeRaw(RawClient.header(MAX + 1, 0));
            c.writeRaw("\u0003SELECT".getBytes(StandardCharsets.US_ASCII));
            RawClient.Packet err = c.read();
            assertThat(err.errorCode()).isEqualTo(ErrPacket.ER_NET_PACKET_TOO_LARGE);
            assertThat(err.text()).contains("above the configured maximum of " + MAX);
            assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(relayLog.await("declared a message of " + (MAX + 1) + " bytes")).isNotNull();
    }

    @Test
    void clientVanishesMidPacket() throws Exception {
        try (RawClient c = loggedIn()) {
            c.writeRaw(RawClient.header(100, 0));
            c.writeRaw("\u0003SELECT 1".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(relayLog.await("client vanished in the middle of a packet (13 of 104 bytes received)")).isNotNull();
    }

    @Test
    void serverVanishesMidGreeting() throws Exception {
        try (ServerSocket broken = new ServerSocket(0)) {
            CompletableFuture<Void> upstream = CompletableFuture.runAsync(() -> {
                try (Socket s = broken.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(RawClient.header(80, 0));
                    out.write(new byte[]{10, '1', '0', '.'});
                    out.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (GatewayUnderTest gw = GatewayUnderTest.to("127.0.0.1:" + broken.getLocalPort()).start()) {
                assertThatThrownBy(() -> DriverManager.getConnection(gw.jdbcUrl(null, "sslMode=DISABLED"), "u", "p").close())
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("closed the connection during the handshake");
                upstream.join();
            }
        }
        assertThat(relayLog.await("in the middle of a packet (8 of 84 bytes received)")).isNotNull();
    }

    @Test
    void serverEndsTheConnectionDuringAQuery() throws Exception {
        try (Connection victim = DriverManager.getConnection(gateway.jdbcUrl(null, "sslMode=DISABLED&allowPublicKeyRetrieval=true"),
                TestServers.mysqlUser(), TestServers.mysqlPassword());
             Statement s = victim.createStatement();
             ResultSet id = s.executeQuery("SELECT CONNECTION_ID()")) {
            id.next();
            long thread = id.getLong(1);
            CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> {
                try (Statement q = victim.createStatement()) {
                    q.executeQuery("SELECT SLEEP(20)").close();
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            try (Connection admin = TestServers.mysqlAdmin(null); Statement a = admin.createStatement()) {
                int n = 0;
                while (n == 0) {
                    try (ResultSet rs = a.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = "
                            + thread + " AND INFO LIKE 'SELECT SLEEP%'")) {
                        rs.next();
                        n = rs.getInt(1);
                    }
                }
                a.execute("KILL CONNECTION " + thread);
            }
            assertThat(running.get()).isInstanceOf(SQLException.class);
        }
    }
}
