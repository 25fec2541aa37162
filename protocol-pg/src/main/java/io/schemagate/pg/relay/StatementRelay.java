package io.schemagate.pg.relay;

import io.schemagate.pg.frame.PgFrame;

/**
 * Where the client's Query ('Q') and Parse ('P') messages go: the one place a statement gate plugs
 * into the relay. Forwarding here is the hot path; a gate may hold the client connection (no read is
 * asked for while {@link #holding()}) until its verdict is in.
 */
interface StatementRelay {

    /** Takes ownership of {@code frame}. */
    void onStatement(PgFrame frame);

    /** Takes ownership of any other client message while a statement is being judged. */
    void onOther(Object msg);

    /** Whether a verdict is pending: the relay must not read from the client until it is not. */
    boolean holding();

    /** Releases anything held; the connection is closing. */
    void discard();
}
