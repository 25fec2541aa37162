package io.schemagate.mysql.auth;

import javax.crypto.Cipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * {@code caching_sha2_password} (MySQL 8 default). Fast auth: the client sends
 * {@code SHA256(password) XOR SHA256(SHA256(SHA256(password)) || nonce)}, 32 bytes. The server answers
 * auth-more-data {@code 0x03} (fast auth success, OK follows) or {@code 0x04} (perform full auth). Full
 * auth sends the password itself: in clear text ({@code password || 0x00}) on a TLS connection, else
 * RSA-encrypted, {@code RSA-OAEP(SHA-1, MGF1)((password || 0x00) XOR nonce)}, after the client asked for
 * the server's public key with the single byte {@code 0x02} (the key comes back as PEM in auth-more-data).
 */
public final class CachingSha2Password {

    public static final String NAME = "caching_sha2_password";
    /** Auth-more-data status: the cached hash matched; an OK packet follows. */
    public static final byte FAST_AUTH_SUCCESS = 0x03;
    /** Auth-more-data status: the server needs the password itself. */
    public static final byte PERFORM_FULL_AUTH = 0x04;
    /** Client request for the server's RSA public key. */
    public static final byte REQUEST_PUBLIC_KEY = 0x02;

    private static final String RSA = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";

    private CachingSha2Password() {
    }

    /** The fast-auth scramble. */
    public static byte[] scramble(String password, byte[] nonce) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        byte[] m1 = Digests.digest("SHA-256", password.getBytes(StandardCharsets.UTF_8));
        byte[] m2 = Digests.digest("SHA-256", m1);
        return Digests.xor(m1, Digests.digest("SHA-256", m2, nonce));
    }

    /** {@code (password || 0x00) XOR nonce}, cycling the nonce: what the RSA step encrypts. */
    public static byte[] obfuscate(byte[] nulTerminatedPassword, byte[] nonce) {
        return Digests.xor(nulTerminatedPassword, nonce);
    }

    public static byte[] encrypt(byte[] nulTerminatedPassword, byte[] nonce, PublicKey key) {
        try {
            Cipher c = Cipher.getInstance(RSA);
            c.init(Cipher.ENCRYPT_MODE, key);
            return c.doFinal(obfuscate(nulTerminatedPassword, nonce));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA encryption of the password for caching_sha2_password failed: "
                    + e.getMessage(), e);
        }
    }

    /** Reverses {@link #encrypt}: returns {@code password || 0x00}. */
    public static byte[] decrypt(byte[] encrypted, byte[] nonce, PrivateKey key) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance(RSA);
        c.init(Cipher.DECRYPT_MODE, key);
        return obfuscate(c.doFinal(encrypted), nonce);
    }

    /** Parses the PEM "PUBLIC KEY" (X.509 SubjectPublicKeyInfo) the server sends. */
    public static PublicKey parsePublicKey(byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII)
                .replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the server's caching_sha2_password public key is not a PEM RSA key: "
                    + e.getMessage(), e);
        }
    }

    /** Encodes a public key as the PEM text a server sends. */
    public static byte[] toPem(PublicKey key) {
        String b64 = Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(key.getEncoded());
        return ("-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The password without its NUL terminator, for wiping copies. */
    static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
