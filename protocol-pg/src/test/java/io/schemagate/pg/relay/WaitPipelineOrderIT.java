package io.schemagate.pg.relay;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.gate.PlanWait;
import io.schemagate.policy.gate.StatementGate;
import io.schemagate.policy.gate.StatementListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static io.schemagate.pg.relay.TestRelay.cstr;
import static io.schemagate.pg.relay.TestRelay.msg;
import static io.schemagate.pg.relay.TestRelay.startup;
import static org.assertj.core.api.Assertions.assertThat;

/** A pipelining client sends more while its first statement waits for its plan: later statements keep their place behind the held one. */
class WaitPipelineOrderIT {

    private TestRelay relay;
    private final CompletableFuture<PlanWait.Outcome> plan = new CompletableFuture<>();

    private final StatementGate gate = new StatementGate() {
        @Override
        public CompletionStage<GateVerdict> judge(GateRequest request) {
            boolean waits = request.sql().contains("wait_t");
            StatementListener l = new StatementListener() {
                @Override
                public void completed(boolean ok, boolean inTransactionBlock) {
                }

                @Override
                public void transactionEnded(boolean committed) {
                }

                @Override
                public PlanWait planWait() {
                    return !waits ? null : new PlanWait() {
                        public Duration progressInterval() { return Duration.ofSeconds(60); }
                        public String progress() { return "p"; }
                        public String notWaiting() { return "n"; }
                        public GateVerdict.Refuse cancelled() { return new GateVerdict.Refuse("57014", 0, "c", null, null); }
                        public CompletionStage<Outcome> outcome() { return plan; }
                    };
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

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void statementsSentDuringAWaitKeepTheirOrder() throws Exception {
        relay = TestRelay.start(gate, PgTestServer.address());
        int port = relay.port();
        List<String> seen = new ArrayList<>();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(startup());
            DataInputStream in = new DataInputStream(s.getInputStream());
            int ready = 0;
            boolean sentMore = false;
            msg(s.getOutputStream(), 'Q', cstr("CREATE TEMP TABLE wait_t (a int)"));
            while (ready < 4) {
                if (ready == 1 && !sentMore) {
                    // The first statement's ReadyForQuery is held: its client waits for the plan.
                    Thread.sleep(500);
                    ByteArrayOutputStream more = new ByteArrayOutputStream();
                    msg(more, 'Q', cstr("CREATE TEMP TABLE other_t (a int)"));
                    msg(more, 'Q', cstr("SELECT 1"));
                    s.getOutputStream().write(more.toByteArray());
                    Thread.sleep(500);
                    plan.complete(PlanWait.Outcome.done("plan done"));
                    sentMore = true;
                }
                char type = (char) in.readByte();
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                if (type == 'Z') {
                    ready++;
                }
                if (ready >= 1 && type == 'C') {
                    seen.add("C " + new String(body, 0, body.length - 1, StandardCharsets.UTF_8));
                } else if (ready > 1 && type == 'Z') {
                    seen.add("Z");
                }
            }
        }
        assertThat(seen).containsExactly("C CREATE TABLE", "Z", "C CREATE TABLE", "Z", "C SELECT 1", "Z");
    }
}
