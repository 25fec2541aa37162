package io.schemagate.policy.gate;

import io.schemagate.policy.Dialect;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The service provider interface the protocol listeners call for query strings that may contain DDL.
 * Implemented in the gateway (policy engine, audit log, executor). Judging may do I/O (catalog
 * look-ups, a durable audit write), so it answers with a stage; the listener stops reading from the
 * client until it completes and must complete its work on the channel's event loop.
 */
public interface StatementGate {

    /** Forwards everything unchanged: the relay with no policy. */
    StatementGate PASS_THROUGH = new StatementGate() {
        @Override
        public CompletionStage<GateVerdict> judge(GateRequest request) {
            return CompletableFuture.completedFuture(GateVerdict.Forward.UNCHANGED);
        }

        @Override
        public boolean mayNeedJudgement(Dialect dialect, byte[] sql, int from, int to) {
            return false;
        }
    };

    CompletionStage<GateVerdict> judge(GateRequest request);

    /**
     * The hot-path test, run on the event loop for every Query / Parse / COM_QUERY / COM_STMT_PREPARE:
     * false when the UTF-8 text in {@code sql[from, to)} certainly holds nothing the gate must judge, so
     * the message is forwarded at once without being decoded or handed over. Must not allocate or block.
     */
    default boolean mayNeedJudgement(Dialect dialect, byte[] sql, int from, int to) {
        return true;
    }
}
