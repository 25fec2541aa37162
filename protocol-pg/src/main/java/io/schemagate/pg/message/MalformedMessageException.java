package io.schemagate.pg.message;

/** A message whose bytes do not match its documented layout. */
public final class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message) {
        super(message);
    }
}
