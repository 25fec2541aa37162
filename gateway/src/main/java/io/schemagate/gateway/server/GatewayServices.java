package io.schemagate.gateway.server;

import io.schemagate.config.ExecutorConfig;
import io.schemagate.config.FileWatcher;
import io.schemagate.config.GatewayConfig;
import io.schemagate.config.HostPort;
import io.schemagate.config.StateConfig;
import io.schemagate.gateway.approval.ApprovalService;
import io.schemagate.gateway.approval.ChangeStore;
import io.schemagate.gateway.approval.FileChangeStore;
import io.schemagate.gateway.approval.PgChangeStore;
import io.schemagate.gateway.audit.AuditEvent;
import io.schemagate.gateway.audit.AuditKind;
import io.schemagate.gateway.audit.AuditLog;
import io.schemagate.gateway.audit.FileAuditLog;
import io.schemagate.gateway.audit.MeteredAuditLog;
import io.schemagate.gateway.audit.PgAuditLog;
import io.schemagate.gateway.executor.FileMigrationStore;
import io.schemagate.gateway.executor.Migration;
import io.schemagate.gateway.executor.MigrationExecutor;
import io.schemagate.gateway.executor.MigrationStore;
import io.schemagate.gateway.executor.MySqlServiceDatabase;
import io.schemagate.gateway.executor.PgMigrationStore;
import io.schemagate.gateway.executor.PgServiceDatabase;
import io.schemagate.gateway.executor.ServiceDatabase;
import io.schemagate.gateway.gate.GatewayGate;
import io.schemagate.gateway.gate.PolicyHolder;
import io.schemagate.gateway.gate.ServerVersions;
import io.schemagate.gateway.metrics.GatewayMetrics;
import io.schemagate.gateway.state.SharedState;
import io.schemagate.policy.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The long-lived parts of a gateway that the listeners and the admin API share: metrics, the audit
 * log, the policy in force (watched for changes), the gate, the approval workflow and the migration
 * executor. Opened once at start-up (resuming migrations a previous run left unfinished) and closed
 * last at shutdown, so migrations stop at a batch boundary and the final records land.
 */
public final class GatewayServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayServices.class);

    private final GatewayMetrics metrics;
    private final AuditLog audit;
    private final ApprovalService approvals;
    private final MigrationExecutor migrations;
    private final PolicyHolder policy;
    private final GatewayGate gate;
    private final ExecutorService gatePool;
    private final FileWatcher watcher;

    private GatewayServices(GatewayMetrics metrics, AuditLog audit, ApprovalService approvals, MigrationExecutor migrations,
                            PolicyHolder policy, GatewayGate gate, ExecutorService gatePool, FileWatcher watcher) {
        this.metrics = metrics;
        this.audit = audit;
        this.approvals = approvals;
        this.migrations = migrations;
        this.policy = policy;
        this.gate = gate;
        this.gatePool = gatePool;
        this.watcher = watcher;
    }

    public static GatewayServices open(GatewayConfig config, Clock clock) {
        GatewayMetrics metrics = new GatewayMetrics();
        AuditLog rawAudit;
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
            rawAudit = new PgAuditLog(shared, config.id(), config.audit().hmacKey(), clock);
            changes = new PgChangeStore(shared);
            migrationStore = new PgMigrationStore(shared);
        } else {
            rawAudit = FileAuditLog.open(Path.of(config.audit().file()), config.id(), config.audit().hmacKey(), clock);
            changes = new FileChangeStore(Path.of(config.state().dir(), "changes"));
            migrationStore = new FileMigrationStore(Path.of(config.state().dir(), "migrations"));
        }
        AuditLog audit = new MeteredAuditLog(rawAudit, metrics);
        audit.append(AuditEvent.of(AuditKind.GATEWAY_STARTED).put("version", version()).build()).join();
        try {
            return open(config, clock, metrics, audit, changes, migrationStore);
        } catch (RuntimeException e) {
            // A start that fails after gateway_started (a broken policy file, say) is closed in the
            // log too, so every start record has its stop.
            try {
                audit.append(AuditEvent.of(AuditKind.GATEWAY_STOPPED).put("reason", "start-up failed: " + e.getMessage())
                        .build()).join();
            } catch (RuntimeException auditFailure) {
                e.addSuppressed(auditFailure);
            } finally {
                audit.close();
            }
            throw e;
        }
    }

    private static GatewayServices open(GatewayConfig config, Clock clock, GatewayMetrics metrics, AuditLog audit,
                                        ChangeStore changes, MigrationStore migrationStore) {
        Path policyFile = config.policy() == null ? null : Path.of(config.policy());
        PolicyHolder policy = new PolicyHolder(policyFile, audit, metrics, clock);
        ApprovalService approvals = new ApprovalService(changes, audit, clock, config.state().approvalTtl());
        Map<Dialect, ServiceDatabase> dbs = serviceDatabases(config);
        MigrationExecutor migrations = new MigrationExecutor(migrationStore, audit, byName(dbs), settings(config.executor()), clock, 2);
        migrations.observeBatches(metrics::backfillBatch);
        for (Migration.State s : Migration.State.values()) {
            metrics.gauge("schemagate.migrations", "Migrations by state", "state", s.id(),
                    () -> migrations.store().list().stream().filter(m -> m.state() == s).count());
        }
        ExecutorService gatePool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "schemagate-gate");
            t.setDaemon(true);
            return t;
        });
        Map<Dialect, String> upstreams = Map.of(Dialect.POSTGRESQL, config.postgres().upstream(), Dialect.MYSQL, config.mysql().upstream());
        GatewayGate gate = new GatewayGate(policy, audit, metrics, approvals, migrations, new ServerVersions(dbs), upstreams, gatePool);
        gate.progressEvery(config.executor().progressInterval());
        approvals.onApprovedForGateway(gate::runApproved);
        int resumed = migrations.resumeAll();
        if (resumed > 0) {
            log.info("resumed {} unfinished migration(s)", resumed);
        }
        FileWatcher watcher = null;
        if (policyFile != null) {
            try {
                watcher = new FileWatcher(policyFile, policy::reload);
            } catch (IOException e) {
                log.warn("cannot watch {} for changes ({}); reload it with SIGHUP", policyFile, e.getMessage());
            }
        }
        Signals.onHangup(policy::reload);
        return new GatewayServices(metrics, audit, approvals, migrations, policy, gate, gatePool, watcher);
    }

    private static Map<Dialect, ServiceDatabase> serviceDatabases(GatewayConfig config) {
        Map<Dialect, ServiceDatabase> dbs = new EnumMap<>(Dialect.class);
        dbs.put(Dialect.POSTGRESQL, new PgServiceDatabase(config.postgres().upstreamAddress(), config.executor().postgres()));
        dbs.put(Dialect.MYSQL, new MySqlServiceDatabase(config.mysql().upstreamAddress(), config.executor().mysql(),
                config.executor().mysqlReplicas().stream().map(r -> HostPort.parse(r, "executor.mysql_replicas")).toList()));
        return dbs;
    }

    private static Map<String, ServiceDatabase> byName(Map<Dialect, ServiceDatabase> dbs) {
        Map<String, ServiceDatabase> out = new java.util.HashMap<>();
        dbs.forEach((d, db) -> out.put(d.name().toLowerCase(java.util.Locale.ROOT), db));
        return out;
    }

    private static MigrationExecutor.Settings settings(ExecutorConfig e) {
        return new MigrationExecutor.Settings(e.targetBatchTime(), e.maxReplicaLag(), e.lockTimeout(), e.maxAttempts());
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    public AuditLog audit() {
        return audit;
    }

    public ApprovalService approvals() {
        return approvals;
    }

    public MigrationExecutor migrations() {
        return migrations;
    }

    public PolicyHolder policy() {
        return policy;
    }

    public GatewayGate gate() {
        return gate;
    }

    private static String version() {
        String v = GatewayServices.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** Stops migrations at a batch boundary (progress saved), finishes judging, then records the stop. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        migrations.shutdown(Duration.ofSeconds(30));
        gatePool.shutdown();
        try {
            gatePool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            audit.append(AuditEvent.of(AuditKind.GATEWAY_STOPPED).build()).join();
        } catch (RuntimeException e) {
            log.error("the gateway_stopped record could not be written: {}", e.getMessage());
        } finally {
            audit.close();
        }
    }
}
