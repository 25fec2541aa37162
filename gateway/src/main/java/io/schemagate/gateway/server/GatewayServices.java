package io.schemagate.gateway.server;

import io.schemagate.config.ExecutorConfig;
import io.schemagate.config.GatewayConfig;
import io.schemagate.config.HostPort;
import io.schemagate.config.StateConfig;
import io.schemagate.gateway.approval.ApprovalService;
import io.schemagate.gateway.approval.ChangeStore;
import io.schemagate.gateway.approval.FileChangeStore;
import io.schemagate.gateway.approval.PgChangeStore;
import io.schemagate.gateway.audit.PgAuditLog;
import io.schemagate.gateway.executor.MigrationStore;
import io.schemagate.gateway.executor.PgMigrationStore;
import io.schemagate.gateway.state.SharedState;
import io.schemagate.gateway.audit.AuditEvent;
import io.schemagate.gateway.audit.AuditKind;
import io.schemagate.gateway.audit.AuditLog;
import io.schemagate.gateway.audit.FileAuditLog;
import io.schemagate.gateway.executor.MigrationExecutor;
import io.schemagate.gateway.executor.FileMigrationStore;
import io.schemagate.gateway.executor.MySqlServiceDatabase;
import io.schemagate.gateway.executor.PgServiceDatabase;
import io.schemagate.gateway.executor.ServiceDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The long-lived parts of a gateway that the listeners and the admin API share: the audit log, the
 * approval workflow and the migration executor. Opened once at start-up (resuming migrations a
 * previous run left unfinished) and closed last at shutdown, so migrations stop at a batch boundary
 * and the final records land.
 */
public final class GatewayServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayServices.class);

    private final AuditLog audit;
    private final ApprovalService approvals;
    private final MigrationExecutor migrations;

    private GatewayServices(AuditLog audit, ApprovalService approvals, MigrationExecutor migrations) {
        this.audit = audit;
        this.approvals = approvals;
        this.migrations = migrations;
    }

    public static GatewayServices open(GatewayConfig config, Clock clock) {
        AuditLog audit;
        ChangeStore changes;
        MigrationStore migrationStore;
        if (config.state().store() == StateConfig.Store.POSTGRES) {
            SharedState shared = new SharedState(config.state().postgres());
            try {
                shared.createSchema();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot use the shared state database " + config.state().postgres().url()
                        + ": " + e.getMessage(), e);
            }
            audit = new PgAuditLog(shared, config.id(), config.audit().hmacKey(), clock);
            changes = new PgChangeStore(shared);
            migrationStore = new PgMigrationStore(shared);
        } else {
            audit = FileAuditLog.open(Path.of(config.audit().file()), config.id(), config.audit().hmacKey(), clock);
            changes = new FileChangeStore(Path.of(config.state().dir(), "changes"));
            migrationStore = new FileMigrationStore(Path.of(config.state().dir(), "migrations"));
        }
        ApprovalService approvals = new ApprovalService(changes, audit, clock, config.state().approvalTtl());
        audit.append(AuditEvent.of(AuditKind.GATEWAY_STARTED).put("version", version()).build()).join();
        MigrationExecutor migrations = new MigrationExecutor(migrationStore, audit, serviceDatabases(config),
                settings(config.executor()), clock, 2);
        int resumed = migrations.resumeAll();
        if (resumed > 0) {
            log.info("resumed {} unfinished migration(s)", resumed);
        }
        return new GatewayServices(audit, approvals, migrations);
    }

    private static Map<String, ServiceDatabase> serviceDatabases(GatewayConfig config) {
        Map<String, ServiceDatabase> dbs = new HashMap<>();
        dbs.put("postgresql", new PgServiceDatabase(config.postgres().upstreamAddress(), config.executor().postgres()));
        dbs.put("mysql", new MySqlServiceDatabase(config.mysql().upstreamAddress(), config.executor().mysql(),
                config.executor().mysqlReplicas().stream().map(r -> HostPort.parse(r, "executor.mysql_replicas")).toList()));
        return dbs;
    }

    private static MigrationExecutor.Settings settings(ExecutorConfig e) {
        return new MigrationExecutor.Settings(e.targetBatchTime(), e.maxReplicaLag(), e.lockTimeout(), e.maxAttempts());
    }

    public MigrationExecutor migrations() {
        return migrations;
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
        migrations.shutdown(Duration.ofSeconds(30));
        try {
            audit.append(AuditEvent.of(AuditKind.GATEWAY_STOPPED).build()).join();
        } finally {
            audit.close();
        }
    }
}
