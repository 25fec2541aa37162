package io.schemagate.gateway.mysql;

import io.schemagate.mysql.auth.MysqlNativePassword;
import io.schemagate.mysql.packet.Capabilities;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A socket that speaks just enough MySQL protocol to send the malformed packets a library never would. */
final class RawClient implements AutoCloseable {

    record Packet(int seq, byte[] payload) {
        boolean isErr() {
            return payload.length > 0 && (payload[0] & 0xFF) == 0xFF;
        }

        boolean isOk() {
            return payload.length > 0 && payload[0] == 0;
        }

        int errorCode() {
            return (payload[1] & 0xFF) | (payload[2] & 0xFF) << 8;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    Socket socket;
    private DataInputStream in;
    private OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Continues over TLS on the same connection (after an SSLRequest). */
    void startTls(javax.net.ssl.SSLContext tls) throws IOException {
        javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
                .createSocket(socket, "localhost", socket.getPort(), true);
        ssl.startHandshake();
        socket = ssl;
        in = new DataInputStream(ssl.getInputStream());
        out = ssl.getOutputStream();
    }

    Packet read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            throw new EOFException("connection closed");
        }
        int length = b0 | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
        int seq = in.readUnsignedByte();
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Packet(seq, payload);
    }

    /** True when the peer closed the connection (read returns end of stream). */
    boolean closedByPeer() throws IOException {
        return in.read() < 0;
    }

    void write(int seq, byte[] payload) throws IOException {
        writeRaw(header(payload.length, seq));
        writeRaw(payload);
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    static byte[] header(int length, int seq) {
        return new byte[]{(byte) length, (byte) (length >> 8), (byte) (length >> 16), (byte) seq};
    }

    /** Reads the greeting and logs in with mysql_native_password; returns the server's final answer. */
    Packet login(String user, String password) throws IOException {
        Packet greeting = read();
        byte[] auth = MysqlNativePassword.scramble(password, nonceOf(greeting));
        write(1, response(BASIC_CAPS, user, auth, "mysql_native_password"));
        return read();
    }

    static final long BASIC_CAPS = Capabilities.CLIENT_MYSQL | Capabilities.CLIENT_PROTOCOL_41
            | Capabilities.CLIENT_SECURE_CONNECTION | Capabilities.CLIENT_PLUGIN_AUTH | Capabilities.CLIENT_MULTI_RESULTS
            | Capabilities.CLIENT_TRANSACTIONS;

    /** The 20-byte scramble of a HandshakeV10 (parts 1 and 2). */
    static byte[] nonceOf(Packet greeting) {
        byte[] g = greeting.payload();
        int p = 1;
        while (g[p] != 0) {
            p++;
        }
        p += 1 + 4;
        byte[] nonce = Arrays.copyOfRange(g, p, p + 8);
        p += 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10;
        return concat(nonce, Arrays.copyOfRange(g, p, p + 12));
    }

    /** The capability flags of a HandshakeV10 (bits 0-31). */
    static long capabilitiesOf(Packet greeting) {
        byte[] g = greeting.payload();
        int p = 1;
        while (g[p] != 0) {
            p++;
        }
        p += 1 + 4 + 8 + 1;
        long low = (g[p] & 0xFF) | (g[p + 1] & 0xFF) << 8;
        long high = (g[p + 5] & 0xFF) | (g[p + 6] & 0xFF) << 8;
        return low | high << 16;
    }

    /** An SSLRequest: the first 32 bytes of a response with CLIENT_SSL. */
    static byte[] sslRequest(long caps) {
        return Arrays.copyOf(response(caps | Capabilities.CLIENT_SSL, "", new byte[0], ""), 32);
    }

    /** A HandshakeResponse41 with a 1-byte auth length (no CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA). */
    static byte[] response(long caps, String user, byte[] auth, String plugin) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((int) caps);
        b.write((int) (caps >> 8));
        b.write((int) (caps >> 16));
        b.write((int) (caps >> 24));
        b.writeBytes(new byte[]{0, 0, 0, 1, 33});
        b.writeBytes(new byte[23]);
        b.writeBytes((user + "\0").getBytes(StandardCharsets.UTF_8));
        b.write(auth.length);
        b.writeBytes(auth);
        b.writeBytes((plugin + "\0").getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
