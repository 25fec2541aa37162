package io.schemagate.gateway.audit;

/** An audit record could not be made durable; nothing of it is left in the log. */
public class AuditWriteException extends RuntimeException {
    public AuditWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
