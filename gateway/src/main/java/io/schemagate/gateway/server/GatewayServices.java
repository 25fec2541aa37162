package io.schemagate.gateway.server;

import io.schemagate.config.GatewayConfig;
import io.schemagate.config.StateConfig;
import io.schemagate.gateway.approval.ApprovalService;
import io.schemagate.gateway.approval.FileChangeStore;
import io.schemagate.gateway.audit.AuditEvent;
import io.schemagate.gateway.audit.AuditKind;
import io.schemagate.gateway.audit.AuditLog;
import io.schemagate.gateway.audit.FileAuditLog;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The long-lived parts of a gateway that the listeners and the admin API share: the audit log and
 * the approval workflow. Opened once at start-up, closed last at shutdown so the final records land.
 */
public final class GatewayServices implements AutoCloseable {

    private final AuditLog audit;
    private final ApprovalService approvals;

    private GatewayServices(AuditLog audit, ApprovalService approvals) {
        this.audit = audit;
        this.approvals = approvals;
    }

    public static GatewayServices open(GatewayConfig config, Clock clock) {
        if (config.state().store() != StateConfig.Store.FILE) {
            throw new IllegalStateException("state.store: " + config.state().store().name().toLowerCase(java.util.Locale.ROOT)
                    + " is not available in this version; use state.store: file");
        }
        AuditLog audit = FileAuditLog.open(Path.of(config.audit().file()), config.id(), config.audit().hmacKey(), clock);
        FileChangeStore changes = new FileChangeStore(Path.of(config.state().dir(), "changes"));
        ApprovalService approvals = new ApprovalService(changes, audit, clock, config.state().approvalTtl());
        audit.append(AuditEvent.of(AuditKind.GATEWAY_STARTED).put("version", version()).build()).join();
        return new GatewayServices(audit, approvals);
    }

    public AuditLog audit() {
        return audit;
    }

    public ApprovalService approvals() {
        return approvals;
    }

    private static String version() {
        String v = GatewayServices.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public void close() {
        try {
            audit.append(AuditEvent.of(AuditKind.GATEWAY_STOPPED).build()).join();
        } finally {
            audit.close();
        }
    }
}
