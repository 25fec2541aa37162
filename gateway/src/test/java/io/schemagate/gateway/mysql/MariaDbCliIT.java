package io.schemagate.gateway.mysql;

import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code mariadb} command-line client through the gateway: plain, TLS, and ed25519 authentication. */
@ExtendWith(NoNettyLeaks.class)
class MariaDbCliIT {

    @Test
    void queriesAndMultipleStatementsThroughTheGateway() throws Exception {
        try (GatewayUnderTest gw = GatewayUnderTest.to(TestServers.mysqlHostPort()).start()) {
            Cli.Result r = Cli.mariadb(gw.port(), TestServers.mysqlUser(), TestServers.mysqlPassword(), "--skip-ssl",
                    "-e", "SELECT 'through the gateway' AS greeting; SELECT 6*7 AS answer; "
                            + "BEGIN; SELECT @@in_transaction AS tx; COMMIT");
            assertThat(r.exitCode()).as(r.out()).isZero();
            assertThat(r.out()).contains("greeting\nthrough the gateway\n").contains("answer\n42\n").contains("tx\n1\n");
        }
    }

    @Test
    void compressionAskedForIsNotNegotiated() throws Exception {
        // The gateway removes CLIENT_COMPRESS from the greeting, so --compress falls back to plain packets
        // that the relay can read; the server confirms the session is uncompressed.
        try (GatewayUnderTest gw = GatewayUnderTest.to(TestServers.mysqlHostPort()).start()) {
            Cli.Result r = Cli.mariadb(gw.port(), TestServers.mysqlUser(), TestServers.mysqlPassword(), "--skip-ssl",
                    "--compress", "--skip-column-names", "-e", "SHOW SESSION STATUS LIKE 'Compression'");
            assertThat(r.exitCode()).as(r.out()).isZero();
            assertThat(r.out()).isEqualTo("Compression\tOFF\n");
        }
        Cli.Result direct = Cli.mariadb(Integer.parseInt(TestServers.mysqlHostPort().split(":")[1]),
                TestServers.mysqlUser(), TestServers.mysqlPassword(), "--skip-ssl", "--compress", "--skip-column-names",
                "-e", "SHOW SESSION STATUS LIKE 'Compression'");
        assertThat(direct.out()).as("the same client straight to the server does compress").isEqualTo("Compression\tON\n");
    }

    @Test
    void cliOverTlsSeesTheGatewaysCertificate() throws Exception {
        PrivateMariaDb server = PrivateMariaDb.get();
        try (GatewayUnderTest gw = GatewayUnderTest.to(server.hostPort()).tls(server.certs).start()) {
            Cli.Result r = Cli.mariadb(gw.port(), "root", "", "--ssl", "--ssl-ca=" + server.certs.caPem(),
                    "--ssl-verify-server-cert", "-e", "status");
            assertThat(r.exitCode()).as(r.out()).isZero();
            assertThat(r.out()).containsPattern("SSL:\\s+Cipher in use is");
        }
    }

    @Test
    void ed25519AuthenticationRelaysUnchanged() throws Exception {
        PrivateMariaDb server = PrivateMariaDb.get();
        try (Connection c = server.admin(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.PLUGINS "
                    + "WHERE PLUGIN_NAME = 'ed25519' AND PLUGIN_STATUS = 'ACTIVE'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    s.execute("INSTALL SONAME 'auth_ed25519'");
                }
            }
            s.execute("CREATE OR REPLACE USER 'sg_ed'@'%' IDENTIFIED VIA ed25519 USING PASSWORD('ed-Pass-9')");
        }
        try (GatewayUnderTest gw = GatewayUnderTest.to(server.hostPort()).start()) {
            Cli.Result ok = Cli.mariadb(gw.port(), "sg_ed", "ed-Pass-9", "--skip-ssl", "--skip-column-names",
                    "-e", "SELECT CURRENT_USER()");
            assertThat(ok.exitCode()).as(ok.out()).isZero();
            assertThat(ok.out()).isEqualTo("sg_ed@%\n");
            Cli.Result denied = Cli.mariadb(gw.port(), "sg_ed", "wrong", "--skip-ssl", "-e", "SELECT 1");
            assertThat(denied.exitCode()).isNotZero();
            assertThat(denied.out()).contains("Access denied for user 'sg_ed'");
        } finally {
            try (Connection c = server.admin(); Statement s = c.createStatement()) {
                s.execute("DROP USER IF EXISTS 'sg_ed'@'%'");
            }
        }
    }
}
