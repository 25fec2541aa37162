package io.schemagate.gateway.mysql;

import io.schemagate.mysql.auth.CachingSha2Password;
import io.schemagate.mysql.packet.Capabilities;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * A stand-in for a MySQL 8 server that speaks only the caching_sha2_password exchange (the shared
 * MariaDB has no such plugin), then answers COM_PING and COM_QUIT. Plain TCP only, so like a real
 * server it insists on the RSA-encrypted password for full auth. One connection per instance.
 */
final class FakeMySql8Server implements AutoCloseable {

    enum Mode { FAST_AUTH, FULL_AUTH }

    private final ServerSocket listener = new ServerSocket(0);
    private final String password;
    private final Mode mode;
    private final KeyPair rsa;
    private final byte[] nonce = "abcdefghij0123456789".getBytes(StandardCharsets.US_ASCII);
    /** Completes with how the password arrived ("fast", "rsa") or why authentication failed. */
    final CompletableFuture<String> outcome = new CompletableFuture<>();
    /** Completes with what the server got after asking for full auth in COM_CHANGE_USER. */
    final CompletableFuture<String> changeUser = new CompletableFuture<>();

    FakeMySql8Server(String password, Mode mode) throws Exception {
        this.password = password;
        this.mode = mode;
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        this.rsa = g.generateKeyPair();
        Thread t = new Thread(this::serve, "fake-mysql8");
        t.setDaemon(true);
        t.start();
    }

    String hostPort() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    private void serve() {
        try (Socket s = listener.accept()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            write(out, 0, greeting());
            byte[] response = read(in, 1);
            byte[] auth = authResponse(response);
            byte[] pw = (password + "\0").getBytes(StandardCharsets.UTF_8);
            if (mode == Mode.FAST_AUTH) {
                if (!Arrays.equals(auth, CachingSha2Password.scramble(password, nonce))) {
                    fail(out, 2, "fast auth scramble did not match");
                    return;
                }
                write(out, 2, new byte[]{1, 3});
                write(out, 3, ok());
                outcome.complete("fast");
            } else {
                write(out, 2, new byte[]{1, 4});
                byte[] next = read(in, 3);
                if (next.length != 1 || next[0] != 2) {
                    fail(out, 4, "expected a public key request on a plain connection");
                    return;
                }
                byte[] pem = CachingSha2Password.toPem(rsa.getPublic());
                byte[] keyPacket = new byte[pem.length + 1];
                keyPacket[0] = 1;
                System.arraycopy(pem, 0, keyPacket, 1, pem.length);
                write(out, 4, keyPacket);
                byte[] encrypted = read(in, 5);
                byte[] clear = CachingSha2Password.decrypt(encrypted, nonce, rsa.getPrivate());
                if (!Arrays.equals(clear, pw)) {
                    fail(out, 6, "Access denied for user (using password: YES)");
                    return;
                }
                write(out, 6, ok());
                outcome.complete("rsa");
            }
            while (true) {
                byte[] cmd = read(in, 0);
                if (cmd[0] == 0x01) {
                    return;
                }
                if (cmd[0] == 0x11) {
                    write(out, 1, new byte[]{1, 4});
                    try {
                        changeUser.complete("received " + new String(read(in, 2), StandardCharsets.UTF_8));
                    } catch (java.io.EOFException e) {
                        changeUser.complete("closed");
                    }
                    return;
                }
                write(out, 1, ok());
            }
        } catch (Exception e) {
            outcome.completeExceptionally(e);
        }
    }

    private void fail(OutputStream out, int seq, String why) throws IOException {
        byte[] msg = why.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[]{(byte) 0xFF, 0x15, 0x04, '#', '2', '8', '0', '0', '0'});
        b.writeBytes(msg);
        write(out, seq, b.toByteArray());
        outcome.complete("refused: " + why);
    }

    private byte[] greeting() {
        long caps = Capabilities.CLIENT_MYSQL | Capabilities.CLIENT_PROTOCOL_41 | Capabilities.CLIENT_SECURE_CONNECTION
                | Capabilities.CLIENT_PLUGIN_AUTH | Capabilities.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA
                | Capabilities.CLIENT_CONNECT_WITH_DB | Capabilities.CLIENT_TRANSACTIONS | Capabilities.CLIENT_DEPRECATE_EOF
                | Capabilities.CLIENT_COMPRESS | Capabilities.CLIENT_ZSTD_COMPRESSION_ALGORITHM;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(10);
        b.writeBytes("8.0.36-fake\0".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[]{42, 0, 0, 0});
        b.writeBytes(Arrays.copyOf(nonce, 8));
        b.write(0);
        b.write((int) caps);
        b.write((int) (caps >> 8));
        b.write(255);
        b.writeBytes(new byte[]{2, 0});
        b.write((int) (caps >> 16));
        b.write((int) (caps >> 24));
        b.write(21);
        b.writeBytes(new byte[10]);
        b.writeBytes(Arrays.copyOfRange(nonce, 8, 20));
        b.write(0);
        b.writeBytes("caching_sha2_password\0".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    private static byte[] ok() {
        return new byte[]{0, 0, 0, 2, 0, 0, 0};
    }

    /** The auth response of a HandshakeResponse41 (1-byte or length-encoded length; short values only). */
    private static byte[] authResponse(byte[] r) {
        int p = 32;
        while (r[p] != 0) {
            p++;
        }
        p++;
        int n = r[p] & 0xFF;
        return Arrays.copyOfRange(r, p + 1, p + 1 + n);
    }

    private static byte[] read(DataInputStream in, int wantSeq) throws IOException {
        int length = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
        int seq = in.readUnsignedByte();
        byte[] payload = new byte[length];
        in.readFully(payload);
        if (seq != wantSeq) {
            throw new IOException("fake server got sequence id " + seq + " where " + wantSeq + " was due");
        }
        return payload;
    }

    private static void write(OutputStream out, int seq, byte[] payload) throws IOException {
        out.write(RawClient.header(payload.length, seq));
        out.write(payload);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
