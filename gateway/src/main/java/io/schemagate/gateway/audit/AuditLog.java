package io.schemagate.gateway.audit;

import java.util.concurrent.CompletableFuture;

/**
 * The append-only audit log. {@link #append} completes only once the record is durable; a failed
 * future means the record was not written and the caller must not go ahead with what it describes
 * (DDL is refused; ordinary traffic never waits on the log).
 */
public interface AuditLog extends AutoCloseable {

    CompletableFuture<AuditRecord> append(AuditEvent event);

    /** False after the last write failed and until a write succeeds again; shown by /health/ready. */
    boolean writable();

    @Override
    void close();
}
