package io.schemagate.pg.relay;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.gate.StatementGate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static io.schemagate.pg.relay.TestRelay.cstr;
import static io.schemagate.pg.relay.TestRelay.msg;
import static io.schemagate.pg.relay.TestRelay.startup;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client pipelines a schema change that hits its lock timeout and is retried, and a second
 * statement whose verdict comes in while the retry waits for its back-off: the second one must not
 * reach the server before the retry, so each answer reaches the client in order and none is hidden
 * in the other's place. Needs PostgreSQL (PgTestServer), trust.
 */
class RetryOrderIT {

    private TestRelay relay;

    /**
     * ALTERs on sg_retry_order_it go under a 100 ms lock timeout with retries; other CREATEs are let
     * through unchanged, their verdict 200 ms late (after the first attempt's lock timeout).
     */
    private final StatementGate gate = new StatementGate() {
        @Override
        public CompletionStage<GateVerdict> judge(GateRequest request) {
            if (request.sql().startsWith("ALTER")) {
                return CompletableFuture.completedFuture(new GateVerdict.Forward(
                        "SET LOCAL lock_timeout = '100ms'; " + request.sql(), List.of(), null, new GateVerdict.LockGuard(1, 10)));
            }
            return CompletableFuture.supplyAsync(() -> GateVerdict.Forward.UNCHANGED,
                    CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean mayNeedJudgement(Dialect dialect, byte[] sql, int from, int to) {
            String text = new String(sql, from, to - from, StandardCharsets.UTF_8);
            return text.startsWith("ALTER") || text.startsWith("CREATE");
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

    /** Reads messages up to the next ReadyForQuery; CommandComplete tags and errors go into {@code seen}. */
    private static void untilReady(DataInputStream in, List<String> seen) throws Exception {
        while (true) {
            char type = (char) in.readByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            if (type == 'C') {
                seen.add("C " + new String(body, 0, body.length - 1, StandardCharsets.UTF_8));
            } else if (type == 'E') {
                seen.add("E " + new String(body, StandardCharsets.UTF_8).replace('\0', '|'));
            } else if (type == 'Z') {
                seen.add("Z");
                return;
            }
        }
    }

    private static Socket session(InetSocketAddress at, List<String> seen) throws Exception {
        Socket s = new Socket(at.getHostString(), at.getPort());
        s.setSoTimeout(20_000);
        s.getOutputStream().write(startup());
        untilReady(new DataInputStream(new BufferedInputStream(s.getInputStream())), seen);
        return s;
    }

    @Test
    void aStatementJudgedDuringARetryBackOffGoesAfterTheRetry() throws Exception {
        int port = start();
        List<String> admin = new ArrayList<>();
        try (Socket holder = session(PgTestServer.address(), admin)) {
            DataInputStream hin = new DataInputStream(new BufferedInputStream(holder.getInputStream()));
            msg(holder.getOutputStream(), 'Q', cstr("DROP TABLE IF EXISTS sg_retry_order_it; CREATE TABLE sg_retry_order_it (a int)"));
            untilReady(hin, admin);
            msg(holder.getOutputStream(), 'Q', cstr("BEGIN; LOCK TABLE sg_retry_order_it"));
            untilReady(hin, admin);

            List<String> seen = new ArrayList<>();
            try (Socket client = session(new InetSocketAddress("127.0.0.1", port), seen)) {
                seen.clear();
                DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
                ByteArrayOutputStream both = new ByteArrayOutputStream();
                msg(both, 'Q', cstr("ALTER TABLE sg_retry_order_it ADD COLUMN b int"));
                msg(both, 'Q', cstr("CREATE TEMP TABLE sg_after_retry (a int)"));
                client.getOutputStream().write(both.toByteArray());
                // The ALTER times out and backs off; the CREATE's verdict arrives meanwhile. The
                // retry goes first, the CREATE behind it; with a request behind it the retry is the
                // last attempt (only the last request sent may be sent again), so it fails too.
                Thread.sleep(1000);
                msg(holder.getOutputStream(), 'Q', cstr("COMMIT"));
                untilReady(hin, admin);
                untilReady(in, seen);
                untilReady(in, seen);
                assertThat(seen).hasSize(4);
                assertThat(seen.get(0)).startsWith("E ").contains("C55P03");
                assertThat(seen.subList(1, 4)).containsExactly("Z", "C CREATE TABLE", "Z");
            }
            msg(holder.getOutputStream(), 'Q', cstr("DROP TABLE sg_retry_order_it"));
            untilReady(hin, admin);
        }
    }
}
