package io.schemagate.gateway.executor;

import io.schemagate.gateway.audit.AuditEvent;
import io.schemagate.gateway.audit.AuditKind;
import io.schemagate.gateway.audit.AuditLog;
import io.schemagate.policy.plan.Plan;
import io.schemagate.policy.plan.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Carries out the background steps of staged plans on the gateway's service connections.
 *
 * <ul>
 *   <li>One plan per table at a time, across gateways: each run holds the table's advisory lock
 *       (PostgreSQL) or named lock (MySQL) on its connection; a plan that cannot get it waits.</li>
 *   <li>Progress is saved after every step and every backfill batch, so after a restart
 *       {@link #resumeAll()} carries on where it stopped; a DDL step whose verification already holds
 *       is not run again.</li>
 *   <li>Pause stops at the next batch or step boundary; resume continues; rollback runs the
 *       compensating steps of what was done, newest first.</li>
 *   <li>On failure the run stops and records why, leaving what the rollback plan can undo.</li>
 * </ul>
 * Every step start, finish and failure is an audit record with its duration and rows.
 */
public final class MigrationExecutor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MigrationExecutor.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration LOCK_RETRY = Duration.ofSeconds(5);

    /** Tuning for all runs. */
    public record Settings(Duration targetBatchTime, Duration maxReplicaLag, Duration lockTimeout, int maxAttempts) {
    }

    private final WatchedMigrationStore store;
    private final AuditLog audit;
    private final Map<String, ServiceDatabase> databases;
    private final Settings settings;
    private final Clock clock;
    private final ScheduledExecutorService pool;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> stopRequested = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;
    private volatile BatchObserver observer = (rows, rate, lag) -> { };

    /** Told about every committed backfill batch (metrics). */
    public interface BatchObserver {
        void batch(long rows, double rowsPerSecond, Duration replicaLag);
    }

    public void observeBatches(BatchObserver o) {
        this.observer = o;
    }
    private final SqlStepRunner.Sleeper sleeper = d -> Thread.sleep(d.toMillis());

    /**
     * @param databases service database per dialect name ({@code postgresql}, {@code mysql})
     */
    public MigrationExecutor(MigrationStore store, AuditLog audit, Map<String, ServiceDatabase> databases,
                             Settings settings, Clock clock, int threads) {
        this.store = new WatchedMigrationStore(store);
        this.audit = audit;
        this.databases = Map.copyOf(databases);
        this.settings = settings;
        this.clock = clock;
        this.pool = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "schemagate-executor");
            t.setDaemon(true);
            return t;
        });
    }

    public MigrationStore store() {
        return store;
    }

    /**
     * Records a new migration for the background steps of {@code plan} and starts it.
     *
     * @param firstStep index of the first step to run here (the steps before it ran in-band)
     */
    public Migration submit(String dialect, String upstream, String database, String statement, String requester,
                            String changeId, Plan plan, int firstStep) {
        Migration m = record(Migration.State.PENDING, dialect, upstream, database, statement, requester, changeId, plan, firstStep);
        schedule(m.id(), Duration.ZERO);
        return m;
    }

    /**
     * Records a migration whose background steps must wait until the client's own statement (the
     * in-band step) has succeeded and its transaction committed; {@link #start} or {@link #discard}
     * follows. A gateway that restarts in between leaves it waiting: the client's transaction ended
     * with the connection, so nothing was promised.
     */
    public Migration prepare(String dialect, String upstream, String database, String statement, String requester,
                             String changeId, Plan plan, int firstStep) {
        return record(Migration.State.WAITING, dialect, upstream, database, statement, requester, changeId, plan, firstStep);
    }

    private Migration record(Migration.State state, String dialect, String upstream, String database, String statement,
                             String requester, String changeId, Plan plan, int firstStep) {
        Instant now = clock.instant();
        Migration m = new Migration(newId(), dialect, upstream, database, statement, requester, changeId, plan,
                state, firstStep, null, List.of(), List.of(), now, now, null);
        store.save(m);
        return m;
    }

    /**
     * Follows a migration just {@linkplain #prepare prepared}, for a client that waits until it stops;
     * call before {@link #start}.
     */
    public MigrationWatch watch(Migration prepared) {
        return store.watch(prepared);
    }

    /** The client's statement committed: run the background steps. */
    public void start(String id) {
        Migration m = existing(id);
        if (m.state() == Migration.State.WAITING) {
            store.save(m.with(Migration.State.PENDING, clock.instant(), null));
            schedule(id, Duration.ZERO);
        }
    }

    /** The client's statement failed or its transaction rolled back: the background steps never run. */
    public void discard(String id, String why) {
        Migration m = existing(id);
        if (m.state() == Migration.State.WAITING) {
            store.save(m.with(Migration.State.DISCARDED, clock.instant(), why));
            appendAudit(AuditEvent.of(AuditKind.MIGRATION_ROLLED_BACK).put("migration_id", id).put("database", m.database())
                    .put("tables", List.of(m.plan().table().qualified())).put("user", m.requester())
                    .put("reason", why).put("undone_steps", 0).build());
        }
    }

    /** Starts every migration a previous run of the gateway left pending or running. */
    public int resumeAll() {
        int n = 0;
        for (Migration m : store.list()) {
            if (m.state() == Migration.State.PENDING || m.state() == Migration.State.RUNNING) {
                log.info("resuming migration {} on {} at step {}", m.id(), m.plan().table(), m.nextStep() + 1);
                schedule(m.id(), Duration.ZERO);
                n++;
            }
        }
        return n;
    }

    public Migration pause(String id) {
        Migration m = existing(id);
        if (m.state().finished() || m.state() == Migration.State.FAILED) {
            throw new IllegalStateException("migration " + id + " is " + m.state().id() + "; only pending or running ones can be paused");
        }
        stopRequested.add(id);
        if (!running.contains(id)) {
            m = m.with(Migration.State.PAUSED, clock.instant(), null);
            store.save(m);
        }
        return m;
    }

    public Migration resume(String id) {
        Migration m = existing(id);
        if (m.state() != Migration.State.PAUSED && m.state() != Migration.State.FAILED) {
            throw new IllegalStateException("migration " + id + " is " + m.state().id() + "; only paused or failed ones can be resumed");
        }
        stopRequested.remove(id);
        m = m.with(Migration.State.PENDING, clock.instant(), null);
        store.save(m);
        schedule(id, Duration.ZERO);
        return m;
    }

    /** Undoes what the migration did, newest step first. It must not be running (pause it first). */
    public Migration rollback(String id, String requestedBy) {
        Migration m = existing(id);
        if (running.contains(id) || m.state() == Migration.State.RUNNING) {
            throw new IllegalStateException("migration " + id + " is running; pause it first, then roll it back");
        }
        if (m.state() == Migration.State.ROLLED_BACK) {
            throw new IllegalStateException("migration " + id + " is already rolled back");
        }
        stopRequested.add(id);
        Migration start = m.with(Migration.State.ROLLING_BACK, clock.instant(), m.error());
        store.save(start);
        pool.execute(() -> rollBack(start, requestedBy));
        return start;
    }

    private Migration existing(String id) {
        return store.get(id).orElseThrow(() -> new IllegalArgumentException("no migration " + id
                + "; 'schemagate migrations list' shows them"));
    }

    private void schedule(String id, Duration delay) {
        if (!shuttingDown) {
            pool.schedule(() -> run(id), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run(String id) {
        if (!running.add(id)) {
            return;
        }
        try {
            Migration m = existing(id);
            if (m.state() != Migration.State.PENDING && m.state() != Migration.State.RUNNING) {
                return;
            }
            ServiceDatabase db = databases.get(m.dialect());
            if (db == null) {
                fail(m, "no service connection is configured for " + m.dialect());
                return;
            }
            try (Connection c = db.connect(m.database())) {
                if (!db.tryTableLock(c, m.plan().table())) {
                    if (stopRequested.contains(id)) {
                        // Paused while it waited for the table: pause() saw it running and left the state to us.
                        store.save(m.with(Migration.State.PAUSED, clock.instant(), null));
                        return;
                    }
                    log.info("migration {} waits: another plan is running on {}", id, m.plan().table());
                    schedule(id, LOCK_RETRY);
                    return;
                }
                m = m.with(Migration.State.RUNNING, clock.instant(), null);
                store.save(m);
                runSteps(db, c, m);
            } catch (SQLException e) {
                fail(existing(id), "cannot connect to " + m.upstream() + "/" + m.database() + ": " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("migration {} stopped unexpectedly: {}", id, e.getMessage(), e);
            fail(existing(id), "internal error: " + e.getMessage());
        } finally {
            running.remove(id);
        }
    }

    private void runSteps(ServiceDatabase db, Connection c, Migration start) throws InterruptedException {
        Migration m = start;
        SqlStepRunner sql = new SqlStepRunner(db, settings.lockTimeout(), settings.maxAttempts(), sleeper);
        Backfiller backfiller = new Backfiller(db, settings.targetBatchTime(), settings.maxReplicaLag(),
                settings.lockTimeout(), settings.maxAttempts(), clock, sleeper);
        List<Step> steps = m.plan().steps();
        while (m.nextStep() < steps.size()) {
            if (stopRequested.contains(m.id()) || shuttingDown) {
                store.save(m.with(shuttingDown && !stopRequested.contains(m.id()) ? Migration.State.PENDING : Migration.State.PAUSED,
                        clock.instant(), null));
                return;
            }
            int index = m.nextStep();
            Step step = steps.get(index);
            if (step.where() == Step.Where.IN_BAND) {
                m = m.stepDone(new Migration.StepOutcome(index, step.description(), null, null, 0, 0, null), clock.instant());
                store.save(m);
                continue;
            }
            Instant began = clock.instant();
            record(AuditKind.MIGRATION_STEP_STARTED, m, index, step, null, 0, null);
            try {
                long rows = 0;
                int attempts = 1;
                if (step instanceof Step.Sql s) {
                    if (m.backfill() == null && s.verifySql() != null && alreadyDone(c, s)) {
                        attempts = 0;
                    } else {
                        attempts = sql.run(c, s);
                    }
                } else if (step instanceof Step.Backfill b) {
                    Migration.BackfillProgress p = backfill(backfiller, c, b, m);
                    m = existing(m.id());
                    rows = p.rowsDone();
                    if (stopRequested.contains(m.id()) || shuttingDown) {
                        // Stopped at a batch boundary; progress is saved and the step resumes from it.
                        continue;
                    }
                }
                Instant ended = clock.instant();
                m = m.stepDone(new Migration.StepOutcome(index, step.description(), began, ended, rows, attempts, null), ended);
                store.save(m);
                record(AuditKind.MIGRATION_STEP_FINISHED, m, index, step, Duration.between(began, ended), rows, null);
            } catch (SQLException e) {
                Instant ended = clock.instant();
                String why = e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
                m = m.stepFailed(new Migration.StepOutcome(index, step.description(), began, ended, 0, 0, why), ended);
                store.save(m);
                record(AuditKind.MIGRATION_STEP_FAILED, m, index, step, Duration.between(began, ended), 0, why);
                log.error("migration {} stopped at step {} ({}): {}; 'schemagate migrations resume {}' retries it, "
                        + "'schemagate migrations rollback {}' undoes what was done", m.id(), index + 1, step.description(), why, m.id(), m.id());
                return;
            }
        }
        m = m.with(Migration.State.COMPLETED, clock.instant(), null);
        store.save(m);
        appendAudit(AuditEvent.of(AuditKind.MIGRATION_COMPLETED).put("migration_id", m.id()).put("change_id", m.changeId())
                .put("database", m.database()).put("tables", List.of(m.plan().table().qualified()))
                .put("user", m.requester()).put("steps", m.outcomes().size()).build());
    }

    private Migration.BackfillProgress backfill(Backfiller backfiller, Connection c, Step.Backfill b, Migration m)
            throws SQLException, InterruptedException {
        String id = m.id();
        long[] before = {m.backfill() == null ? 0 : m.backfill().rowsDone()};
        return backfiller.run(c, b, m.backfill(), new Backfiller.Listener() {
            @Override
            public void batchDone(Migration.BackfillProgress p) {
                store.save(existing(id).withBackfill(p, clock.instant()));
                observer.batch(p.rowsDone() - before[0], p.rowsPerSecond(), backfiller.lastLag());
                before[0] = p.rowsDone();
            }

            @Override
            public boolean stopRequested() {
                return shuttingDown || stopRequested.contains(id);
            }
        });
    }

    private static boolean alreadyDone(Connection c, Step.Sql s) {
        try {
            return SqlStepRunner.verified(c, s.verifySql());
        } catch (SQLException e) {
            // A check that cannot run yet (its object does not exist) means the step has not run.
            return false;
        }
    }

    private void rollBack(Migration start, String requestedBy) {
        Migration m = start;
        ServiceDatabase db = databases.get(m.dialect());
        try (Connection c = db.connect(m.database())) {
            List<Step> steps = m.plan().steps();
            for (int i = Math.min(m.nextStep(), steps.size() - 1); i >= 0; i--) {
                Step step = steps.get(i);
                boolean done = i < m.nextStep() || (i == m.nextStep() && step instanceof Step.Backfill);
                if (!done || step.rollbackSql() == null || m.rolledBack().contains(i)) {
                    continue;
                }
                new SqlStepRunner(db, settings.lockTimeout(), settings.maxAttempts(), sleeper)
                        .run(c, new Step.Sql("undo: " + step.description(), Step.Where.BACKGROUND, step.rollbackSql(),
                                true, settings.lockTimeout(), settings.maxAttempts(), null, null));
                m = m.rolledBackStep(i, clock.instant());
                store.save(m);
            }
            m = m.with(Migration.State.ROLLED_BACK, clock.instant(), m.error());
            store.save(m);
            appendAudit(AuditEvent.of(AuditKind.MIGRATION_ROLLED_BACK).put("migration_id", m.id()).put("change_id", m.changeId())
                    .put("database", m.database()).put("tables", List.of(m.plan().table().qualified()))
                    .put("undone_steps", m.rolledBack().size()).put("requested_by", requestedBy).build());
        } catch (SQLException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            store.save(m.with(Migration.State.FAILED, clock.instant(), "rollback stopped: " + e.getMessage()));
            log.error("rollback of migration {} stopped: {}; run it again once the cause is fixed", m.id(), e.getMessage());
        }
    }

    private void fail(Migration m, String why) {
        store.save(m.with(Migration.State.FAILED, clock.instant(), why));
        log.error("migration {} failed: {}", m.id(), why);
    }

    private void record(AuditKind kind, Migration m, int index, Step step, Duration took, long rows, String error) {
        appendAudit(AuditEvent.of(kind)
                .put("migration_id", m.id())
                .put("change_id", m.changeId())
                .put("database", m.database())
                .put("tables", List.of(m.plan().table().qualified()))
                .put("user", m.requester())
                .put("step", index + 1)
                .put("description", step.description())
                .put("sql", step instanceof Step.Sql s ? s.sql() : null)
                .put("duration_ms", took == null ? null : took.toMillis())
                .put("rows", kind == AuditKind.MIGRATION_STEP_STARTED ? null : rows)
                .put("error", error)
                .build());
    }

    /**
     * Step records are written durably, but a migration already under way does not stop because the
     * audit log is unwritable: its state file still says exactly what ran. The failure is logged.
     */
    private void appendAudit(AuditEvent e) {
        try {
            audit.append(e).join();
        } catch (RuntimeException ex) {
            log.error("audit record {} could not be written: {}", e.kind().id(), ex.getMessage());
        }
    }

    private static String newId() {
        return "mig_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    }

    /** Stops at the next batch or step boundary (progress saved), waiting up to {@code grace}. */
    public void shutdown(Duration grace) {
        shuttingDown = true;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("migrations did not reach a batch boundary within {} s; they resume from their last saved batch",
                        grace.toSeconds());
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(10));
    }
}
