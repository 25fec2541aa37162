package io.schemagate.gateway.approval;

/** An approval action that is not allowed; {@link #reason()} maps to an HTTP status and a CLI exit code. */
public class ApprovalException extends RuntimeException {

    /** Why the action was refused. */
    public enum Reason { NOT_FOUND, FORBIDDEN, CONFLICT, UNAVAILABLE }

    private final Reason reason;

    public ApprovalException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ApprovalException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
