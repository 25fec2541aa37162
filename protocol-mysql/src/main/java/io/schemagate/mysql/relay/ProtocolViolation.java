package io.schemagate.mysql.relay;

/** A peer broke the protocol; the connection ends with this message as its reason. */
public final class ProtocolViolation extends RuntimeException {

    private final int errorCode;

    public ProtocolViolation(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    /** The MySQL error number the client is told. */
    public int errorCode() {
        return errorCode;
    }
}
