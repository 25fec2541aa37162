package io.schemagate.gateway.audit;

import io.schemagate.gateway.metrics.GatewayMetrics;

import java.util.concurrent.CompletableFuture;

/** Times every audit write and counts the failures. */
public final class MeteredAuditLog implements AuditLog {

    private final AuditLog delegate;
    private final GatewayMetrics metrics;

    public MeteredAuditLog(AuditLog delegate, GatewayMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public CompletableFuture<AuditRecord> append(AuditEvent event) {
        long start = System.nanoTime();
        return delegate.append(event).whenComplete((r, e) -> metrics.auditWrite(System.nanoTime() - start, e == null));
    }

    @Override
    public boolean writable() {
        return delegate.writable();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
