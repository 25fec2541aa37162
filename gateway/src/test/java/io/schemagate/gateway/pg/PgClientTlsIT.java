package io.schemagate.gateway.pg;

import io.schemagate.gateway.testing.LeakWatch;
import io.schemagate.gateway.testing.PgGateway;
import io.schemagate.gateway.testing.Psql;
import io.schemagate.gateway.testing.RawPgClient;
import io.schemagate.gateway.testing.TestCerts;
import io.schemagate.gateway.testing.TestServers;
import io.schemagate.pg.relay.PgSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway answers SSLRequest and GSSENCRequest itself and terminates client TLS with its own certificate. */
class PgClientTlsIT {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;

    @TempDir
    static Path dir;
    private static TestCerts certs;
    private static PgGateway tls;
    private static PgGateway plain;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCerts.create(dir.resolve("certs"));
        tls = PgGateway.to(TestServers.pgHostPort()).clientTls(certs).start();
        plain = PgGateway.toMainServer();
    }

    @AfterAll
    static void stop() {
        tls.close();
        plain.close();
        assertThat(LeakWatch.collect()).isEmpty();
    }

    private static String conninfo(PgGateway g, String extra) {
        return "host=127.0.0.1 port=" + g.port() + " user=" + TestServers.pgUser() + " dbname=postgres " + extra;
    }

    @Test
    void psqlWithSslmodeRequireShowsTheSslLine() {
        Psql.Result r = Psql.run(conninfo(tls, "sslmode=require"), Map.of(), "\\conninfo");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("SSL connection (protocol: TLSv1.");
    }

    @Test
    void pgjdbcVerifiesTheGatewaysCertificate() throws Exception {
        Properties p = new Properties();
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", certs.caCert().toString());
        try (Connection c = tls.connect("postgres", p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            PgSession session = tls.listener().sessions().byBackendPid(rs.getInt(1));
            assertThat(session.clientTls()).isTrue();
        }
    }

    @Test
    void mutualTlsPutsTheClientCertificateSubjectInThePrincipal() throws Exception {
        try (PgGateway mtls = PgGateway.to(TestServers.pgHostPort()).mutualTls(certs).start()) {
            Properties p = new Properties();
            p.setProperty("sslmode", "verify-full");
            p.setProperty("sslrootcert", certs.caCert().toString());
            p.setProperty("sslcert", certs.clientCert().toString());
            p.setProperty("sslkey", certs.clientKey().toString());
            try (Connection c = mtls.connect("postgres", p); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                PgSession session = mtls.listener().sessions().byBackendPid(rs.getInt(1));
                assertThat(session.principal().tlsIdentity()).isEqualTo(TestCerts.CLIENT_SUBJECT);
            }
            // Without a certificate the handshake fails and the client is told nothing more.
            Properties noCert = new Properties();
            noCert.setProperty("sslmode", "require");
            noCert.setProperty("sslcert", dir.resolve("absent.crt").toString());
            noCert.setProperty("sslkey", dir.resolve("absent.pk8").toString());
            assertThatThrownBy(() -> mtls.connect("postgres", noCert).close()).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void withoutACertificateSslRequestIsDeclinedAndPsqlSaysSo() throws Exception {
        try (RawPgClient raw = new RawPgClient(plain.port())) {
            raw.send(ByteBuffer.allocate(8).putInt(8).putInt(SSL_REQUEST).array());
            assertThat(raw.readByte()).isEqualTo('N');
        }
        Psql.Result r = Psql.run(conninfo(plain, "sslmode=require"), Map.of(), "SELECT 1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("server does not support SSL, but SSL was required");
        Psql.Result prefer = Psql.run(conninfo(plain, "sslmode=prefer"), Map.of(), "\\conninfo");
        assertThat(prefer.exitCode()).as(prefer.stderr()).isZero();
        assertThat(prefer.stdout()).doesNotContain("SSL connection");
    }

    @Test
    void gssencRequestIsDeclinedAndTheClientGoesOn() throws Exception {
        try (RawPgClient raw = new RawPgClient(tls.port())) {
            raw.send(ByteBuffer.allocate(8).putInt(8).putInt(GSSENC_REQUEST).array());
            assertThat(raw.readByte()).isEqualTo('N');
            raw.startup(3 << 16, RawPgClient.params("user", TestServers.pgUser(), "database", "postgres"));
            List<RawPgClient.Message> msgs = raw.readUntil('Z');
            assertThat(msgs.get(0).type()).as("AuthenticationOk from the server").isEqualTo('R');
        }
    }

    @Test
    void plaintextAfterSslRequestIsRefused() throws Exception {
        try (RawPgClient raw = new RawPgClient(tls.port())) {
            // SSLRequest and a StartupMessage in one write: bytes that could have been injected
            // before the handshake (CVE-2021-23214) are never taken as part of the session.
            ByteBuffer b = ByteBuffer.allocate(8 + 8 + 15).putInt(8).putInt(SSL_REQUEST)
                    .putInt(8 + 15).putInt(3 << 16).put("user\0postgres\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            raw.send(b.array());
            List<RawPgClient.Message> end = raw.readToEnd();
            assertThat(end).hasSize(1);
            assertThat(end.get(0).field('M')).isEqualTo("received unencrypted data after SSLRequest");
        }
    }
}
