package io.schemagate.pg.frame;

/**
 * A peer broke the framing rules. The message is the reason the connection is closed, logged and,
 * where the protocol allows, sent to the client in a FATAL ErrorResponse (SQLSTATE 08P01).
 */
public final class PgProtocolException extends RuntimeException {

    public PgProtocolException(String message) {
        super(message);
    }
}
