package io.schemagate.gateway.pg;

import io.schemagate.config.UpstreamTlsConfig;
import io.schemagate.gateway.testing.LeakWatch;
import io.schemagate.gateway.testing.PgGateway;
import io.schemagate.gateway.testing.PgTestCluster;
import io.schemagate.gateway.testing.Psql;
import io.schemagate.gateway.testing.RawPgClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.schemagate.gateway.testing.PgTestCluster.CLEAR_USER;
import static io.schemagate.gateway.testing.PgTestCluster.MD5_USER;
import static io.schemagate.gateway.testing.PgTestCluster.PASSWORD;
import static io.schemagate.gateway.testing.PgTestCluster.SCRAM_USER;
import static io.schemagate.gateway.testing.PgTestCluster.TLS_ONLY_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Authentication is the server's business: every method is relayed unchanged, over plain TCP or
 * TLS on either leg. Runs against a cluster of its own with md5, scram-sha-256 and password users.
 */
class PgAuthIT {

    private static PgTestCluster cluster;
    private static PgGateway plain;
    private static PgGateway clientTls;
    private static PgGateway upstreamRequire;
    private static PgGateway upstreamVerifyFull;
    private static PgGateway bothTls;

    @BeforeAll
    static void start() throws Exception {
        cluster = PgTestCluster.shared();
        plain = PgGateway.to(cluster.hostPort()).start();
        clientTls = PgGateway.to(cluster.hostPort()).clientTls(cluster.certs()).start();
        upstreamRequire = PgGateway.to(cluster.hostPort())
                .upstreamTls(new UpstreamTlsConfig(UpstreamTlsConfig.Mode.REQUIRE, null, null)).start();
        upstreamVerifyFull = PgGateway.to(cluster.hostPort())
                .upstreamTls(new UpstreamTlsConfig(UpstreamTlsConfig.Mode.VERIFY_FULL, cluster.certs().caCert().toString(), "localhost"))
                .start();
        bothTls = PgGateway.to(cluster.hostPort()).clientTls(cluster.certs())
                .upstreamTls(new UpstreamTlsConfig(UpstreamTlsConfig.Mode.REQUIRE, null, null)).start();
    }

    @AfterAll
    static void stop() {
        for (PgGateway g : List.of(plain, clientTls, upstreamRequire, upstreamVerifyFull, bothTls)) {
            g.close();
        }
        assertThat(LeakWatch.collect()).isEmpty();
    }

    private static Connection connect(PgGateway g, String user, String password, String... extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        for (int i = 0; i < extra.length; i += 2) {
            p.setProperty(extra[i], extra[i + 1]);
        }
        return java.sql.DriverManager.getConnection(g.jdbcUrl("postgres"), p);
    }

    /** current_user, and whether the server sees TLS on its side of the session. */
    private static String whoAndTls(Connection conn) throws SQLException {
        try (Connection c = conn; Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rs.next();
            return rs.getString(1) + " ssl=" + rs.getBoolean(2);
        }
    }

    @Test
    void trust() throws Exception {
        assertThat(whoAndTls(connect(plain, "postgres", null))).isEqualTo("postgres ssl=false");
    }

    @ParameterizedTest
    @ValueSource(strings = {CLEAR_USER, MD5_USER, SCRAM_USER})
    void passwordMethodsAreRelayed(String user) throws Exception {
        assertThat(whoAndTls(connect(plain, user, PASSWORD))).isEqualTo(user + " ssl=false");
    }

    @ParameterizedTest
    @ValueSource(strings = {CLEAR_USER, MD5_USER, SCRAM_USER})
    void wrongPasswordGetsTheServersError(String user) {
        assertThatThrownBy(() -> connect(plain, user, "wrong").close())
                .isInstanceOf(PSQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"))
                .hasMessageContaining("password authentication failed for user \"" + user + "\"");
    }

    @Test
    void psqlScramThroughTheGateway() {
        Psql.Result r = Psql.run("host=127.0.0.1 port=" + plain.port() + " user=" + SCRAM_USER + " dbname=postgres",
                Map.of("PGPASSWORD", PASSWORD), "SELECT current_user");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains(SCRAM_USER);
    }

    @ParameterizedTest
    @ValueSource(strings = {MD5_USER, SCRAM_USER})
    void passwordMethodsOverClientTlsTerminatedAtTheGateway(String user) throws Exception {
        assertThat(whoAndTls(connect(clientTls, user, PASSWORD, "sslmode", "require"))).isEqualTo(user + " ssl=false");
    }

    @Test
    void upstreamTlsRequireReachesAHostsslOnlyUser() throws Exception {
        assertThat(whoAndTls(connect(upstreamRequire, TLS_ONLY_USER, PASSWORD))).isEqualTo(TLS_ONLY_USER + " ssl=true");
        // Without upstream TLS the server's pg_hba refuses the same user, and says so itself.
        assertThatThrownBy(() -> connect(plain, TLS_ONLY_USER, PASSWORD).close())
                .isInstanceOf(PSQLException.class)
                .hasMessageContaining("pg_hba.conf rejects connection");
    }

    @Test
    void upstreamTlsVerifyFullChecksTheServerCertificate() throws Exception {
        assertThat(whoAndTls(connect(upstreamVerifyFull, SCRAM_USER, PASSWORD))).isEqualTo(SCRAM_USER + " ssl=true");
        try (PgGateway wrongName = PgGateway.to(cluster.hostPort())
                .upstreamTls(new UpstreamTlsConfig(UpstreamTlsConfig.Mode.VERIFY_FULL, cluster.certs().caCert().toString(),
                        "db.example.org")).start()) {
            assertThatThrownBy(() -> connect(wrongName, SCRAM_USER, PASSWORD).close())
                    .isInstanceOf(PSQLException.class)
                    .hasMessageContaining("could not open TLS to the server")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"));
        }
    }

    @Test
    void scramPlusIsNotOfferedThroughTheGateway() throws Exception {
        // Over TLS the server offers SCRAM-SHA-256-PLUS first; the gateway must drop it, since the
        // client's TLS channel (if any) ends at the gateway and channel binding would fail.
        try (RawPgClient raw = new RawPgClient(upstreamRequire.port())) {
            raw.startup(3 << 16, RawPgClient.params("user", SCRAM_USER, "database", "postgres"));
            RawPgClient.Message r = raw.read();
            assertThat(r.type()).isEqualTo('R');
            int code = java.nio.ByteBuffer.wrap(r.body()).getInt();
            assertThat(code).as("AuthenticationSASL").isEqualTo(10);
            String mechanisms = new String(Arrays.copyOfRange(r.body(), 4, r.body().length), StandardCharsets.UTF_8);
            assertThat(mechanisms).isEqualTo("SCRAM-SHA-256\0\0");
        }
        assertThat(whoAndTls(connect(upstreamRequire, SCRAM_USER, PASSWORD))).isEqualTo(SCRAM_USER + " ssl=true");
    }

    @Test
    void largeValuesCrossTlsOnBothLegs() throws Exception {
        byte[] big = new byte[16 * 1024 * 1024];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(big);
        try (Connection c = connect(bothTls, MD5_USER, PASSWORD, "sslmode", "require");
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT ?::bytea")) {
            ps.setBytes(1, big);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(Arrays.equals(rs.getBytes(1), big)).as("16 MiB back byte for byte over TLS").isTrue();
            }
        }
    }

    @Test
    void md5AndPasswordWithTlsOnBothLegs() throws Exception {
        assertThat(whoAndTls(connect(bothTls, MD5_USER, PASSWORD, "sslmode", "require"))).isEqualTo(MD5_USER + " ssl=true");
        assertThat(whoAndTls(connect(bothTls, CLEAR_USER, PASSWORD, "sslmode", "require"))).isEqualTo(CLEAR_USER + " ssl=true");
    }

    @Test
    void scramWithTlsOnBothLegsNeedsChannelBindingOff() throws Exception {
        // A client on TLS that was offered no PLUS mechanism says so in its gs2 header ('y'); a server
        // that itself is on TLS must then refuse, as a downgrade guard (RFC 5802 section 6). With
        // channel binding off the client sends 'n' and the exchange goes through.
        assertThat(whoAndTls(connect(bothTls, SCRAM_USER, PASSWORD, "sslmode", "require", "channelBinding", "disable")))
                .isEqualTo(SCRAM_USER + " ssl=true");
    }

    @Test
    void scramWithTlsOnBothLegsAndChannelBindingPreferredGetsTheServersRefusal() {
        // The known limit of a relay that terminates TLS without owning the password: pgjdbc's default
        // (channelBinding=prefer) sends 'y', and the server, being on TLS, refuses. The client sees the
        // server's own FATAL.
        assertThatThrownBy(() -> connect(bothTls, SCRAM_USER, PASSWORD, "sslmode", "require").close())
                .isInstanceOf(PSQLException.class)
                .hasMessageContaining("SCRAM channel binding negotiation error");
    }
}
