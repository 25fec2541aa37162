/**
 * The relay: a client channel and its server channel on one event loop, autoRead off on both, each
 * read forwarded and the next asked for only while the other side is writable (its outbound buffer
 * under the high-water mark). Startup-phase requests the
 * gateway owns (SSLRequest, GSSENCRequest, CancelRequest) are answered here; Query and Parse pass
 * through one interception point, the {@link io.schemagate.policy.gate.StatementGate}.
 */
package io.schemagate.pg.relay;
