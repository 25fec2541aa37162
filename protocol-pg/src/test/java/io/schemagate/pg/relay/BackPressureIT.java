package io.schemagate.pg.relay;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.gate.StatementGate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static io.schemagate.pg.relay.TestRelay.cstr;
import static io.schemagate.pg.relay.TestRelay.msg;
import static io.schemagate.pg.relay.TestRelay.startup;
import static org.assertj.core.api.Assertions.assertThat;

/** Slow readers on either side: the relay stops reading, then resumes. Needs PostgreSQL (PgTestServer). */
class BackPressureIT {

    private TestRelay relay;

    private final StatementGate gate = new StatementGate() {
        @Override
        public CompletionStage<GateVerdict> judge(GateRequest request) {
            return CompletableFuture.completedFuture(GateVerdict.Forward.UNCHANGED);
        }

        @Override
        public boolean mayNeedJudgement(Dialect dialect, byte[] sql, int from, int to) {
            return new String(sql, from, to - from, StandardCharsets.UTF_8).startsWith("COPY");
        }
    };

    private int start() throws Exception {
        relay = TestRelay.start(gate, PgTestServer.address());
        return relay.port();
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    /** Reads messages until ReadyForQuery; returns the count of messages of type {@code count}. */
    static long until(DataInputStream in, char stop, char count, StringBuilder tags) throws Exception {
        long n = 0;
        while (true) {
            char t = (char) in.readByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            if (t == count) {
                n++;
            }
            if (t == 'C' || t == 'E') {
                tags.append(t).append(':').append(new String(body, StandardCharsets.UTF_8).replace('\0', ' ')).append(';');
            }
            if (t == stop) {
                return n;
            }
        }
    }

    static Socket connect(int port, StringBuilder tags) throws Exception {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(30_000);
        s.getOutputStream().write(startup());
        until(new DataInputStream(new BufferedInputStream(s.getInputStream())), 'Z', 'Z', tags);
        return s;
    }

    @Test
    void aClientThatStopsReadingThenReadsGetsEveryRow() throws Exception {
        int port = start();
        StringBuilder tags = new StringBuilder();
        try (Socket s = connect(port, tags)) {
            msg(s.getOutputStream(), 'Q', cstr("SELECT repeat('x', 1000) FROM generate_series(1, 100000)"));
            Thread.sleep(2000);
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
            long rows = until(in, 'Z', 'D', tags);
            assertThat(rows).isEqualTo(100000);
            // The session still works.
            msg(s.getOutputStream(), 'Q', cstr("SELECT 1"));
            assertThat(until(in, 'Z', 'D', tags)).isEqualTo(1);
        }
    }

    @Test
    void copyDataBehindALockedTableResumesWhenTheLockGoes() throws Exception {
        int port = start();
        StringBuilder tags = new StringBuilder();
        try (Socket admin = new Socket(PgTestServer.address().getHostString(), PgTestServer.address().getPort())) {
            admin.setSoTimeout(30_000);
            admin.getOutputStream().write(startup());
            DataInputStream ain = new DataInputStream(new BufferedInputStream(admin.getInputStream()));
            until(ain, 'Z', 'Z', tags);
            msg(admin.getOutputStream(), 'Q', cstr("DROP TABLE IF EXISTS sg_backpressure_it; CREATE TABLE sg_backpressure_it (a text)"));
            until(ain, 'Z', 'Z', tags);
            msg(admin.getOutputStream(), 'Q', cstr("BEGIN; LOCK TABLE sg_backpressure_it"));
            until(ain, 'Z', 'Z', tags);
            try (Socket s = connect(port, tags)) {
                OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
                Thread writer = new Thread(() -> {
                    try {
                        msg(out, 'Q', cstr("COPY sg_backpressure_it FROM STDIN"));
                        byte[] line = (new String(new char[999]).replace('\0', 'y') + "\n").getBytes(StandardCharsets.UTF_8);
                        for (int i = 0; i < 50_000; i++) {
                            msg(out, 'd', line);
                        }
                        msg(out, 'c', new byte[0]);
                        out.flush();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                writer.start();
                Thread.sleep(2000);
                assertThat(writer.isAlive()).as("the relay stopped reading the client while the server did not read").isTrue();
                msg(admin.getOutputStream(), 'Q', cstr("COMMIT"));
                until(ain, 'Z', 'Z', tags);
                writer.join(30_000);
                assertThat(writer.isAlive()).isFalse();
                DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
                until(in, 'Z', 'Z', tags);
                assertThat(tags.toString()).contains("COPY 50000");
            }
            msg(admin.getOutputStream(), 'Q', cstr("DROP TABLE sg_backpressure_it"));
            until(ain, 'Z', 'Z', tags);
        }
    }
}
