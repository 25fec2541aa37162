package io.schemagate.gateway.mysql;

import io.schemagate.config.UpstreamTlsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS on both legs and packets of 16 MiB and more, against the tests' own MariaDB (TLS on, 128 MiB
 * max_allowed_packet), with Connector/J.
 */
@ExtendWith(NoNettyLeaks.class)
class MySqlTlsIT {

    private static final String USER = "sg_tls";
    private static final String PASSWORD = "tls-Pass-1";
    private static PrivateMariaDb server;

    @BeforeAll
    static void start() throws Exception {
        server = PrivateMariaDb.get();
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS sgtls");
            s.execute("CREATE OR REPLACE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
            s.execute("GRANT ALL ON sgtls.* TO '" + USER + "'@'%'");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            s.execute("DROP USER IF EXISTS '" + USER + "'@'%'");
            s.execute("DROP DATABASE IF EXISTS sgtls");
        }
    }

    private static String serverCipher(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
            rs.next();
            return rs.getString(2);
        }
    }

    @Test
    void clientTlsIsTerminatedWithTheConfiguredCertificate() throws Exception {
        try (GatewayUnderTest gw = GatewayUnderTest.to(server.hostPort()).tls(server.certs).start();
             Connection c = DriverManager.getConnection(gw.jdbcUrl("sgtls", "sslMode=VERIFY_IDENTITY&"
                     + server.certs.connectorJTrust()), USER, PASSWORD)) {
            // Connector/J verified the gateway's certificate against the test CA; the server leg is plain.
            assertThat(serverCipher(c)).isEmpty();
        }
    }

    @Test
    void clientWithoutTlsStillConnectsWhenTlsIsOffered() throws Exception {
        try (GatewayUnderTest gw = GatewayUnderTest.to(server.hostPort()).tls(server.certs).start();
             Connection c = DriverManager.getConnection(gw.jdbcUrl("sgtls", "sslMode=DISABLED&allowPublicKeyRetrieval=true"),
                     USER, PASSWORD)) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void clientDemandingTlsIsToldTheGatewayHasNone() {
        assertThatThrownBy(() -> {
            try (GatewayUnderTest gw = GatewayUnderTest.to(server.hostPort()).start()) {
                DriverManager.getConnection(gw.jdbcUrl("sgtls", "sslMode=REQUIRED"), USER, PASSWORD).close();
            }
        }).isInstanceOf(SQLException.class);
    }

    @Test
    void upstreamTlsRequire() throws Exception {
        try (GatewayUnderTest gw = GatewayUnderTest.to(server.hostPort())
                .upstreamTls(new UpstreamTlsConfig(UpstreamTlsConfig.Mode.REQUIRE, null, null)).start();
             Connection c = DriverManager.getConnection(gw.jdbcUrl("sgtls", "sslMode=DISABLED&allowPublicKeyRetrieval=true"),
                     USER, PASSWORD)) {
            assertThat(serverCipher(c)).isNotEmpty();
        }
    }

    @Test
    void upstreamTlsVerifyFullWithBothLegsEncrypted() throws Exception {
        try (GatewayUnderTest gw = GatewayUnderTest.to(server.hostPort()).tls(server.certs)
                .upstreamTls(new UpstreamTlsConfig(UpstreamTlsConfig.Mode.VERIFY_FULL, server.certs.caPem().toString(), "localhost"))
                .start();
             Connection c = DriverManager.getConnection(gw.jdbcUrl("sgtls", "sslMode=VERIFY_CA&"
                     + server.certs.connectorJTrust()), USER, PASSWORD)) {
            assertThat(serverCipher(c)).isNotEmpty();
        }
    }

    @Test
    void upstreamTlsVerifyFullRefusesAServerWithTheWrongName() {
        assertThatThrownBy(() -> {
            try (GatewayUnderTest gw = GatewayUnderTest.to(server.hostPort())
                    .upstreamTls(new UpstreamTlsConfig(UpstreamTlsConfig.Mode.VERIFY_FULL, server.certs.caPem().toString(),
                            "db.example.invalid")).start()) {
                DriverManager.getConnection(gw.jdbcUrl("sgtls", "sslMode=DISABLED"), USER, PASSWORD).close();
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("TLS handshake with the MySQL server");
    }

    @Test
    void fortyMebibyteBlobRoundTripsBothWays() throws Exception {
        byte[] blob = new byte[40 * 1024 * 1024];
        new Random(42).nextBytes(blob);
        byte[] want = MessageDigest.getInstance("SHA-256").digest(blob);
        for (String mode : new String[]{"useServerPrepStmts=true", "useServerPrepStmts=false"}) {
            try (GatewayUnderTest gw = GatewayUnderTest.to(server.hostPort()).start();
                 Connection c = DriverManager.getConnection(gw.jdbcUrl("sgtls", "sslMode=DISABLED&allowPublicKeyRetrieval=true&"
                         + mode + "&maxAllowedPacket=134217728"), USER, PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("CREATE OR REPLACE TABLE blobs (id INT PRIMARY KEY, data LONGBLOB)");
                try (PreparedStatement p = c.prepareStatement("INSERT INTO blobs VALUES (1, ?)")) {
                    p.setBytes(1, blob);
                    assertThat(p.executeUpdate()).isEqualTo(1);
                }
                try (ResultSet rs = s.executeQuery("SELECT LENGTH(data), SHA2(data, 256) FROM blobs")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(mode).isEqualTo(blob.length);
                }
                try (PreparedStatement p = c.prepareStatement("SELECT data, 'after' FROM blobs WHERE id = ?")) {
                    p.setInt(1, 1);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        assertThat(MessageDigest.getInstance("SHA-256").digest(rs.getBytes(1))).as(mode).isEqualTo(want);
                        assertThat(rs.getString(2)).isEqualTo("after");
                    }
                }
                s.execute("DROP TABLE blobs");
            }
        }
    }
}
