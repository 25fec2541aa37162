package io.schemagate.policy.gate;

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
    StatementGate PASS_THROUGH = request -> CompletableFuture.completedFuture(GateVerdict.Forward.UNCHANGED);

    CompletionStage<GateVerdict> judge(GateRequest request);
}
