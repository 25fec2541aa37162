package io.schemagate.gateway.mysql;

import io.schemagate.mysql.auth.CachingSha2Password;
import io.schemagate.mysql.packet.Capabilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * caching_sha2_password through the real relay code, against {@link FakeMySql8Server} (the shared
 * MariaDB has no such plugin): fast auth, full auth with the RSA key exchange relayed, and full auth
 * where the client's leg is TLS and the server's is plain, so the gateway itself fetches the server's
 * key and encrypts the password. The client checks every sequence id, as Connector/J would.
 */
@ExtendWith(NoNettyLeaks.class)
class CachingSha2RelayTest {

    private static final String PASSWORD = "sha2-Pass";
    private static final long CAPS = RawClient.BASIC_CAPS | Capabilities.CLIENT_DEPRECATE_EOF;
    private static TestCerts certs;
    private static SSLContext clientTls;

    @BeforeAll
    static void tls(@TempDir Path dir) throws Exception {
        certs = TestCerts.create(dir);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.trustStore())) {
            ks.load(in, certs.trustStorePassword().toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void done() {
        certs = null;
    }

    private static void assertPacket(RawClient.Packet p, int seq, byte... payload) {
        assertThat(p.seq()).as("sequence id").isEqualTo(seq);
        assertThat(p.payload()).as(p.text()).isEqualTo(payload);
    }

    private static void pingWorks(RawClient c) throws Exception {
        c.write(0, new byte[]{0x0E});
        RawClient.Packet ok = c.read();
        assertThat(ok.isOk()).isTrue();
        assertThat(ok.seq()).isEqualTo(1);
        c.write(0, new byte[]{0x01});
    }

    @Test
    void fastAuthRelaysUnchanged() throws Exception {
        try (FakeMySql8Server server = new FakeMySql8Server(PASSWORD, FakeMySql8Server.Mode.FAST_AUTH);
             GatewayUnderTest gw = GatewayUnderTest.to(server.hostPort()).start();
             RawClient c = new RawClient(gw.port())) {
            RawClient.Packet greeting = c.read();
            long offered = RawClient.capabilitiesOf(greeting);
            assertThat(offered & (Capabilities.CLIENT_COMPRESS | Capabilities.CLIENT_ZSTD_COMPRESSION_ALGORITHM)).isZero();
            byte[] auth = CachingSha2Password.scramble(PASSWORD, RawClient.nonceOf(greeting));
            c.write(1, RawClient.response(CAPS, "app", auth, CachingSha2Password.NAME));
            assertPacket(c.read(), 2, (byte) 1, CachingSha2Password.FAST_AUTH_SUCCESS);
            RawClient.Packet ok = c.read();
            assertThat(ok.isOk()).isTrue();
            assertThat(ok.seq()).isEqualTo(3);
            pingWorks(c);
            assertThat(server.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("fast");
        }
    }

    @Test
    void fullAuthKeyExchangeRelayedWhenBothLegsArePlain() throws Exception {
        try (FakeMySql8Server server = new FakeMySql8Server(PASSWORD, FakeMySql8Server.Mode.FULL_AUTH);
             GatewayUnderTest gw = GatewayUnderTest.to(server.hostPort()).start();
             RawClient c = new RawClient(gw.port())) {
            RawClient.Packet greeting = c.read();
            byte[] nonce = RawClient.nonceOf(greeting);
            c.write(1, RawClient.response(CAPS, "app", CachingSha2Password.scramble(PASSWORD, nonce), CachingSha2Password.NAME));
            assertPacket(c.read(), 2, (byte) 1, CachingSha2Password.PERFORM_FULL_AUTH);
            c.write(3, new byte[]{CachingSha2Password.REQUEST_PUBLIC_KEY});
            RawClient.Packet key = c.read();
            assertThat(key.seq()).isEqualTo(4);
            byte[] pem = Arrays.copyOfRange(key.payload(), 1, key.payload().length);
            c.write(5, CachingSha2Password.encrypt((PASSWORD + "\0").getBytes(StandardCharsets.UTF_8), nonce,
                    CachingSha2Password.parsePublicKey(pem)));
            RawClient.Packet ok = c.read();
            assertThat(ok.isOk()).as(ok.text()).isTrue();
            assertThat(ok.seq()).isEqualTo(6);
            pingWorks(c);
            assertThat(server.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("rsa");
        }
    }

    private RawClient.Packet fullAuthOverClientTls(String password) throws Exception {
        try (FakeMySql8Server server = new FakeMySql8Server(PASSWORD, FakeMySql8Server.Mode.FULL_AUTH);
             GatewayUnderTest gw = GatewayUnderTest.to(server.hostPort()).tls(certs).start();
             RawClient c = new RawClient(gw.port())) {
            RawClient.Packet greeting = c.read();
            assertThat(RawClient.capabilitiesOf(greeting) & Capabilities.CLIENT_SSL).isNotZero();
            byte[] nonce = RawClient.nonceOf(greeting);
            c.write(1, RawClient.sslRequest(CAPS));
            c.startTls(clientTls);
            c.write(2, RawClient.response(CAPS | Capabilities.CLIENT_SSL, "app",
                    CachingSha2Password.scramble(password, nonce), CachingSha2Password.NAME));
            assertPacket(c.read(), 3, (byte) 1, CachingSha2Password.PERFORM_FULL_AUTH);
            // Over TLS a client sends the password itself; the server's leg is plain, so the gateway
            // must fetch the server's RSA key and send the encrypted password instead.
            c.write(4, (password + "\0").getBytes(StandardCharsets.UTF_8));
            RawClient.Packet answer = c.read();
            if (answer.isOk()) {
                pingWorks(c);
                assertThat(server.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("rsa");
            }
            return answer;
        }
    }

    @Test
    void fullAuthWithClientTlsAndPlainServerLegIsEncryptedByTheGateway() throws Exception {
        RawClient.Packet ok = fullAuthOverClientTls(PASSWORD);
        assertThat(ok.isOk()).as(ok.text()).isTrue();
        assertThat(ok.seq()).isEqualTo(5);
    }

    @Test
    void changeUserNeverSendsAClearTextPasswordOverThePlainServerLeg() throws Exception {
        try (FakeMySql8Server server = new FakeMySql8Server(PASSWORD, FakeMySql8Server.Mode.FAST_AUTH);
             GatewayUnderTest gw = GatewayUnderTest.to(server.hostPort()).tls(certs).start();
             RawClient c = new RawClient(gw.port())) {
            RawClient.Packet greeting = c.read();
            byte[] nonce = RawClient.nonceOf(greeting);
            c.write(1, RawClient.sslRequest(CAPS));
            c.startTls(clientTls);
            c.write(2, RawClient.response(CAPS | Capabilities.CLIENT_SSL, "app",
                    CachingSha2Password.scramble(PASSWORD, nonce), CachingSha2Password.NAME));
            assertPacket(c.read(), 3, (byte) 1, CachingSha2Password.FAST_AUTH_SUCCESS);
            assertThat(c.read().isOk()).isTrue();
            // COM_CHANGE_USER: user NUL, 1-byte auth length + auth, schema NUL, charset, plugin NUL.
            byte[] change = RawClient.concat(new byte[]{0x11}, "other\0".getBytes(StandardCharsets.US_ASCII));
            change = RawClient.concat(change, new byte[]{0, 0, 33, 0});
            change = RawClient.concat(change, (CachingSha2Password.NAME + "\0").getBytes(StandardCharsets.US_ASCII));
            c.write(0, change);
            assertPacket(c.read(), 1, (byte) 1, CachingSha2Password.PERFORM_FULL_AUTH);
            c.write(2, "other-secret\0".getBytes(StandardCharsets.US_ASCII));
            RawClient.Packet err = c.read();
            assertThat(err.isErr()).isTrue();
            assertThat(err.seq()).isEqualTo(3);
            assertThat(err.text()).contains("does not send a clear-text password");
            assertThat(server.changeUser.get(10, TimeUnit.SECONDS)).isEqualTo("closed");
        }
    }

    @Test
    void wrongPasswordInFullAuthGetsTheServersErrorWithTheClientsSequenceId() throws Exception {
        RawClient.Packet err = fullAuthOverClientTls("not-the-password");
        assertThat(err.isErr()).isTrue();
        assertThat(err.seq()).isEqualTo(5);
        assertThat(err.text()).contains("Access denied");
    }
}
