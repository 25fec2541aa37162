package io.schemagate.pg.relay;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.gate.StatementGate;
import io.schemagate.policy.gate.StatementListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.schemagate.pg.relay.TestRelay.startup;
import static io.schemagate.pg.relay.TestRelay.query;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that pipelines its first statements right behind the StartupMessage (they wait in the
 * relay's early queue while the server connection is set up). Needs PostgreSQL (PgTestServer), trust.
 */
class EarlyPipelineOrderIT {

    private TestRelay relay;
    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    /** Judges statements starting with "CREATE": forwards them under a lock guard with one hidden SET. */
    private final StatementGate gate = new StatementGate() {
        @Override
        public CompletionStage<GateVerdict> judge(GateRequest request) {
            StatementListener l = new StatementListener() {
                @Override
                public void completed(boolean ok, boolean inTransactionBlock) {
                    outcomes.add("completed ok=" + ok);
                }

                @Override
                public void transactionEnded(boolean committed) {
                }
            };
            return CompletableFuture.completedFuture(new GateVerdict.Forward(
                    "SET lock_timeout = '2s'; " + request.sql(), List.of(), l, new GateVerdict.LockGuard(1, 3)));
        }

        @Override
        public boolean mayNeedJudgement(Dialect dialect, byte[] sql, int from, int to) {
            return new String(sql, from, to - from, StandardCharsets.UTF_8).startsWith("CREATE");
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

    /** Sends startup and both queries in one write; returns what the client sees after the startup ReadyForQuery. */
    private List<String> pipelined(int port, String q1, String q2) throws Exception {
        List<String> seen = new ArrayList<>();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(startup());
            all.write(query(q1));
            all.write(query(q2));
            s.getOutputStream().write(all.toByteArray());
            s.getOutputStream().flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int ready = 0;
            while (ready < 3) {
                char type = (char) in.readByte();
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                if (type == 'Z') {
                    ready++;
                }
                if (ready == 0) {
                    continue;
                }
                if (type == 'C') {
                    seen.add("C " + new String(body, 0, body.length - 1, StandardCharsets.UTF_8));
                } else if (type == 'E') {
                    seen.add("E");
                } else if (type == 'Z' && ready > 1) {
                    seen.add("Z");
                }
            }
        }
        return seen;
    }

    @Test
    void aJudgedStatementQueuedBeforeTheServerIsUpKeepsItsPlaceAmongLaterRequests() throws Exception {
        int port = start();
        List<String> seen = pipelined(port, "CREATE TEMP TABLE early_t (a int)", "SELECT 1");
        // The guard's SET stays hidden, the SELECT's own CommandComplete reaches the client.
        assertThat(seen).containsExactly("C CREATE TABLE", "Z", "C SELECT 1", "Z");
    }

    @Test
    void aFailedJudgedStatementQueuedEarlyIsReportedAsFailed() throws Exception {
        int port = start();
        List<String> seen = pipelined(port, "CREATE TEMP TABLE early_u AS SELECT 1/0 AS x", "SELECT 1");
        Thread.sleep(200);
        // The CREATE failed (division by zero): its listener must hear so, not the SELECT's success.
        assertThat(outcomes).containsExactly("completed ok=false");
        assertThat(seen).startsWith("E", "Z");
    }
}
