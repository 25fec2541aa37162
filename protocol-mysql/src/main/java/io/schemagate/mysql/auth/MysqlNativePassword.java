package io.schemagate.mysql.auth;

import java.nio.charset.StandardCharsets;

/**
 * {@code mysql_native_password}: the client proves it knows the password with
 * {@code SHA1(password) XOR SHA1(nonce || SHA1(SHA1(password)))}, 20 bytes; an empty password sends no
 * auth data. The relay never computes it (the client's answer travels unchanged because the gateway
 * shows the client the server's own nonce); it is here so tests can check that fact against vectors.
 */
public final class MysqlNativePassword {

    public static final String NAME = "mysql_native_password";

    private MysqlNativePassword() {
    }

    public static byte[] scramble(String password, byte[] nonce) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        byte[] stage1 = Digests.digest("SHA-1", password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = Digests.digest("SHA-1", stage1);
        return Digests.xor(stage1, Digests.digest("SHA-1", nonce, stage2));
    }
}
