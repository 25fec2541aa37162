package io.schemagate.policy.ddl;

/**
 * Thrown inside an analyser when a node or a fact is not modelled; caught per sub-command and turned
 * into {@link Operation.Unknown} with this message as the reason, so one odd clause never hides the rest.
 */
public final class UnsupportedSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedSyntaxException(String reason) {
        super(reason);
    }
}
