package io.schemagate.mysql.auth;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The relay's side of one caching_sha2_password exchange (see {@link CachingSha2Password} for the
 * formulas). Because the gateway shows the client the server's own nonce, fast auth and most of full
 * auth relay unchanged. Two cases need the gateway to act, because the client's leg and the server's
 * leg differ in whether they are encrypted by TLS:
 * <ul>
 *   <li>client on TLS, server leg plain: the client sends its password in clear text; the gateway asks
 *       the server for its public key ({@code 0x02}) and sends the RSA-encrypted password instead;</li>
 *   <li>client leg plain, server on TLS: the client asks for a public key; the gateway answers with its
 *       own, decrypts what the client sends and gives the server the clear text over TLS.</li>
 * </ul>
 * Payloads are whole packet payloads: server auth-more-data is {@code 0x01} followed by its data.
 */
public final class CachingSha2Exchange {

    /** What the relay does next. */
    public sealed interface Step {
        /** Relay the packet just received, unchanged. */
        record Forward() implements Step { }
        /** Send this payload to the client instead. */
        record ToClient(byte[] payload) implements Step { }
        /** Send this payload to the server instead. */
        record ToServer(byte[] payload) implements Step { }
        /** End the connection for this reason. */
        record Fail(String reason) implements Step { }
    }

    private static final Step FORWARD = new Step.Forward();
    private static final byte AUTH_MORE_DATA = 0x01;

    private enum State { AWAIT_STATUS, AWAIT_CLIENT_PASSWORD, AWAIT_SERVER_KEY, AWAIT_CLIENT_ENCRYPTED, TRANSPARENT }

    private final byte[] nonce;
    private final boolean clientSecure;
    private final boolean serverSecure;
    private final Supplier<KeyPair> gatewayKey;
    private State state = State.AWAIT_STATUS;
    private byte[] password;

    /**
     * @param nonce        the scramble of the greeting or auth switch request (20 bytes, no NUL)
     * @param clientSecure the client's leg is TLS
     * @param serverSecure the server's leg is TLS
     * @param gatewayKey   the gateway's RSA key pair, created on first use
     */
    public CachingSha2Exchange(byte[] nonce, boolean clientSecure, boolean serverSecure, Supplier<KeyPair> gatewayKey) {
        this.nonce = nonce.clone();
        this.clientSecure = clientSecure;
        this.serverSecure = serverSecure;
        this.gatewayKey = gatewayKey;
    }

    /** A server auth-more-data payload ({@code 0x01 ...}). */
    public Step onServer(byte[] payload) {
        switch (state) {
            case AWAIT_STATUS -> {
                if (isStatus(payload, CachingSha2Password.PERFORM_FULL_AUTH)) {
                    state = State.AWAIT_CLIENT_PASSWORD;
                }
                return FORWARD;
            }
            case AWAIT_SERVER_KEY -> {
                byte[] pem = Arrays.copyOfRange(payload, 1, payload.length);
                try {
                    byte[] encrypted = CachingSha2Password.encrypt(password, nonce,
                            CachingSha2Password.parsePublicKey(pem));
                    state = State.TRANSPARENT;
                    return new Step.ToServer(encrypted);
                } catch (IllegalArgumentException e) {
                    return new Step.Fail(e.getMessage());
                } finally {
                    CachingSha2Password.wipe(password);
                    password = null;
                }
            }
            default -> {
                return FORWARD;
            }
        }
    }

    /** A client payload sent during the exchange. */
    public Step onClient(byte[] payload) {
        switch (state) {
            case AWAIT_CLIENT_PASSWORD -> {
                boolean keyRequest = payload.length == 1 && payload[0] == CachingSha2Password.REQUEST_PUBLIC_KEY;
                if (keyRequest && serverSecure) {
                    state = State.AWAIT_CLIENT_ENCRYPTED;
                    byte[] pem = CachingSha2Password.toPem(gatewayKey.get().getPublic());
                    byte[] out = new byte[pem.length + 1];
                    out[0] = AUTH_MORE_DATA;
                    System.arraycopy(pem, 0, out, 1, pem.length);
                    return new Step.ToClient(out);
                }
                if (!keyRequest && clientSecure && !serverSecure) {
                    // Clear text reached the gateway over TLS; the server's leg is plain, so encrypt.
                    password = payload.clone();
                    state = State.AWAIT_SERVER_KEY;
                    return new Step.ToServer(new byte[]{CachingSha2Password.REQUEST_PUBLIC_KEY});
                }
                if (!keyRequest && !clientSecure && serverSecure) {
                    return new Step.Fail("the client encrypted its caching_sha2_password password with a server "
                            + "public key it already had, which the gateway cannot read; let the client fetch the key "
                            + "(Connector/J allowPublicKeyRetrieval=true, mysql --get-server-public-key) or use TLS to the gateway");
                }
                state = State.TRANSPARENT;
                return FORWARD;
            }
            case AWAIT_CLIENT_ENCRYPTED -> {
                state = State.TRANSPARENT;
                try {
                    return new Step.ToServer(CachingSha2Password.decrypt(payload, nonce, gatewayKey.get().getPrivate()));
                } catch (GeneralSecurityException e) {
                    return new Step.Fail("could not decrypt the caching_sha2_password password the client "
                            + "encrypted with the gateway's public key: " + e.getMessage());
                }
            }
            default -> {
                return FORWARD;
            }
        }
    }

    private static boolean isStatus(byte[] payload, byte status) {
        return payload.length == 2 && payload[0] == AUTH_MORE_DATA && payload[1] == status;
    }
}
