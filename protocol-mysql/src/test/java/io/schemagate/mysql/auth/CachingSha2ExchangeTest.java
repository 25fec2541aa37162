package io.schemagate.mysql.auth;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay's caching_sha2_password state machine for each combination of TLS on the client's and the
 * server's leg, driven with the protocol's own packets: auth-more-data 0x03 / 0x04, the 0x02 key request,
 * the PEM key and the RSA-encrypted password.
 */
class CachingSha2ExchangeTest {

    private static final byte[] NONCE = MysqlNativePasswordTest.NONCE;
    private static final byte[] FAST_OK = {0x01, 0x03};
    private static final byte[] FULL = {0x01, 0x04};
    private static final byte[] KEY_REQUEST = {0x02};
    private static final byte[] PASSWORD = "secret\0".getBytes(StandardCharsets.US_ASCII);
    private static KeyPair serverKey;
    private static KeyPair gatewayKey;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        serverKey = g.generateKeyPair();
        gatewayKey = g.generateKeyPair();
    }

    private static CachingSha2Exchange exchange(boolean clientTls, boolean serverTls) {
        return new CachingSha2Exchange(NONCE, clientTls, serverTls, () -> gatewayKey);
    }

    private static byte[] moreData(byte[] data) {
        byte[] out = new byte[data.length + 1];
        out[0] = 0x01;
        System.arraycopy(data, 0, out, 1, data.length);
        return out;
    }

    @Test
    void fastAuthSuccessRelaysUnchanged() {
        CachingSha2Exchange x = exchange(false, false);
        assertThat(x.onServer(FAST_OK)).isInstanceOf(CachingSha2Exchange.Step.Forward.class);
    }

    @Test
    void fullAuthWithTlsOnBothLegsRelaysTheClearTextPassword() {
        CachingSha2Exchange x = exchange(true, true);
        assertThat(x.onServer(FULL)).isInstanceOf(CachingSha2Exchange.Step.Forward.class);
        assertThat(x.onClient(PASSWORD)).isInstanceOf(CachingSha2Exchange.Step.Forward.class);
    }

    @Test
    void fullAuthPlainOnBothLegsRelaysTheKeyExchange() throws Exception {
        CachingSha2Exchange x = exchange(false, false);
        assertThat(x.onServer(FULL)).isInstanceOf(CachingSha2Exchange.Step.Forward.class);
        assertThat(x.onClient(KEY_REQUEST)).isInstanceOf(CachingSha2Exchange.Step.Forward.class);
        assertThat(x.onServer(moreData(CachingSha2Password.toPem(serverKey.getPublic()))))
                .isInstanceOf(CachingSha2Exchange.Step.Forward.class);
        byte[] encrypted = CachingSha2Password.encrypt(PASSWORD, NONCE, serverKey.getPublic());
        assertThat(x.onClient(encrypted)).isInstanceOf(CachingSha2Exchange.Step.Forward.class);
    }

    @Test
    void clientOnTlsServerPlainMakesTheGatewayEncryptWithTheServersKey() throws Exception {
        CachingSha2Exchange x = exchange(true, false);
        x.onServer(FULL);
        CachingSha2Exchange.Step ask = x.onClient(PASSWORD);
        assertThat(ask).isInstanceOf(CachingSha2Exchange.Step.ToServer.class);
        assertThat(((CachingSha2Exchange.Step.ToServer) ask).payload()).containsExactly(KEY_REQUEST);
        CachingSha2Exchange.Step send = x.onServer(moreData(CachingSha2Password.toPem(serverKey.getPublic())));
        assertThat(send).isInstanceOf(CachingSha2Exchange.Step.ToServer.class);
        byte[] encrypted = ((CachingSha2Exchange.Step.ToServer) send).payload();
        assertThat(CachingSha2Password.decrypt(encrypted, NONCE, serverKey.getPrivate())).isEqualTo(PASSWORD);
        // Afterwards the server's OK / ERR is handled by the relay, the exchange stays out of the way.
        assertThat(x.onServer(FAST_OK)).isInstanceOf(CachingSha2Exchange.Step.Forward.class);
    }

    @Test
    void clientPlainServerOnTlsGetsTheGatewaysKeyAndTheServerGetsClearText() throws Exception {
        CachingSha2Exchange x = exchange(false, true);
        x.onServer(FULL);
        CachingSha2Exchange.Step key = x.onClient(KEY_REQUEST);
        assertThat(key).isInstanceOf(CachingSha2Exchange.Step.ToClient.class);
        byte[] payload = ((CachingSha2Exchange.Step.ToClient) key).payload();
        assertThat(payload[0]).isEqualTo((byte) 0x01);
        byte[] encrypted = CachingSha2Password.encrypt(PASSWORD, NONCE,
                CachingSha2Password.parsePublicKey(Arrays.copyOfRange(payload, 1, payload.length)));
        CachingSha2Exchange.Step clear = x.onClient(encrypted);
        assertThat(clear).isInstanceOf(CachingSha2Exchange.Step.ToServer.class);
        assertThat(((CachingSha2Exchange.Step.ToServer) clear).payload()).isEqualTo(PASSWORD);
    }

    @Test
    void clientPlainWithAPreloadedServerKeyCannotBeRelayedToATlsServer() throws Exception {
        CachingSha2Exchange x = exchange(false, true);
        x.onServer(FULL);
        byte[] encrypted = CachingSha2Password.encrypt(PASSWORD, NONCE, serverKey.getPublic());
        CachingSha2Exchange.Step step = x.onClient(encrypted);
        assertThat(step).isInstanceOf(CachingSha2Exchange.Step.Fail.class);
        assertThat(((CachingSha2Exchange.Step.Fail) step).reason()).contains("allowPublicKeyRetrieval");
    }
}
