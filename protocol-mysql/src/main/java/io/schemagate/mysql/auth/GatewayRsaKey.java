package io.schemagate.mysql.auth;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/**
 * The gateway's own RSA key pair for caching_sha2_password full auth when the client's leg is plain
 * and the server's is TLS. Made once per process on first use (RSA-2048 generation takes a while).
 */
public final class GatewayRsaKey {

    private static volatile KeyPair pair;

    private GatewayRsaKey() {
    }

    public static KeyPair get() {
        KeyPair p = pair;
        if (p == null) {
            synchronized (GatewayRsaKey.class) {
                p = pair;
                if (p == null) {
                    try {
                        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                        g.initialize(2048);
                        pair = p = g.generateKeyPair();
                    } catch (NoSuchAlgorithmException e) {
                        throw new IllegalStateException("RSA key generation is missing from this JDK", e);
                    }
                }
            }
        }
        return p;
    }
}
