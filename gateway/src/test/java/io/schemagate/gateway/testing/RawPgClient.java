package io.schemagate.gateway.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bare-socket PostgreSQL client for tests that need bytes no driver would send: odd protocol
 * versions, garbage, half messages. Reads answer with a 10 second timeout, so a silent gateway fails
 * the test instead of hanging it.
 */
public final class RawPgClient implements AutoCloseable {

    /** One backend message: its type and body (after the length). */
    public record Message(char type, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Field value of an ErrorResponse / NoticeResponse, e.g. 'C' for the SQLSTATE. */
        public String field(char code) {
            int i = 0;
            while (i < body.length && body[i] != 0) {
                int end = i + 1;
                while (body[end] != 0) {
                    end++;
                }
                if (body[i] == code) {
                    return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
                }
                i = end + 1;
            }
            return null;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    public RawPgClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a StartupMessage with the given protocol version and parameters (in order). */
    public void startup(int version, Map<String, String> params) throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, String> e : params.entrySet()) {
            body.writeBytes((e.getKey() + "\0" + e.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
        }
        body.write(0);
        out.writeInt(8 + body.size());
        out.writeInt(version);
        out.write(body.toByteArray());
        out.flush();
    }

    public static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Sends a simple Query. */
    public void query(String sql) throws IOException {
        byte[] s = (sql + "\0").getBytes(StandardCharsets.UTF_8);
        out.writeByte('Q');
        out.writeInt(4 + s.length);
        out.write(s);
        out.flush();
    }

    /**
     * Sends one statement the way pgjdbc does in its default mode: Parse (unnamed statement, no
     * parameter types), Bind, Describe (portal), Execute and Sync.
     */
    public void extendedQuery(String sql) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        DataOutputStream m = new DataOutputStream(b);
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        m.writeByte('P');
        m.writeInt(4 + 1 + text.length + 1 + 2);
        m.writeByte(0);
        m.write(text);
        m.writeByte(0);
        m.writeShort(0);
        m.writeByte('B');
        m.writeInt(4 + 1 + 1 + 2 + 2 + 2);
        m.writeByte(0);
        m.writeByte(0);
        m.writeShort(0);
        m.writeShort(0);
        m.writeShort(0);
        m.writeByte('D');
        m.writeInt(4 + 1 + 1);
        m.writeByte('P');
        m.writeByte(0);
        m.writeByte('E');
        m.writeInt(4 + 1 + 4);
        m.writeByte(0);
        m.writeInt(0);
        m.writeByte('S');
        m.writeInt(4);
        send(b.toByteArray());
    }

    public int readByte() throws IOException {
        return in.read();
    }

    public Message read() throws IOException {
        char type = (char) in.readUnsignedByte();
        int len = in.readInt();
        byte[] body = new byte[len - 4];
        in.readFully(body);
        return new Message(type, body);
    }

    /** Reads messages up to and including the first of the given type. */
    public List<Message> readUntil(char type) throws IOException {
        List<Message> got = new ArrayList<>();
        Message m;
        do {
            m = read();
            got.add(m);
        } while (m.type() != type);
        return got;
    }

    /** Reads messages until the connection ends; returns them. Fails if it does not end within the timeout. */
    public List<Message> readToEnd() throws IOException {
        List<Message> got = new ArrayList<>();
        while (true) {
            try {
                got.add(read());
            } catch (EOFException e) {
                return got;
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the connection was not closed; got " + got, e);
            } catch (java.net.SocketException e) {
                // Connection reset: closed with unread data on our side.
                return got;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
