package io.schemagate.gateway.executor;

import io.schemagate.gateway.executor.Migration.BackfillProgress;
import io.schemagate.policy.plan.Step;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Fills a column in primary-key keyset batches, each batch its own short transaction:
 * <pre>
 *   upper := the key batchSize rows after lastKey (or none: the rest of the table)
 *   UPDATE t SET c = expr WHERE key > lastKey AND key <= upper AND c IS NULL; COMMIT
 * </pre>
 * The {@code c IS NULL} guard makes a batch safe to repeat, so a crash between the commit and the
 * saving of progress only redoes work that changes nothing. Rows inserted meanwhile already carry the
 * column default and are skipped by the same guard. The batch size follows a target batch time, and
 * batches wait while replicas lag or when asked to stop (pause, shutdown).
 */
final class Backfiller {

    private static final Logger log = LoggerFactory.getLogger(Backfiller.class);
    static final int MIN_BATCH = 50;
    static final int MAX_BATCH = 50_000;

    /** Called by the backfill between batches. */
    interface Listener {
        /** Progress after a committed batch; the caller persists it. */
        void batchDone(BackfillProgress progress);

        /** True when the backfill should stop at this batch boundary. */
        boolean stopRequested();
    }

    private final ServiceDatabase db;
    private final Duration targetBatchTime;
    private final Duration maxReplicaLag;
    private final Duration lockTimeout;
    private final int maxAttempts;
    private final Clock clock;
    private final SqlStepRunner.Sleeper sleeper;
    private volatile Duration lastLag = Duration.ZERO;

    Backfiller(ServiceDatabase db, Duration targetBatchTime, Duration maxReplicaLag, Duration lockTimeout, int maxAttempts,
               Clock clock, SqlStepRunner.Sleeper sleeper) {
        this.db = db;
        this.targetBatchTime = targetBatchTime;
        this.maxReplicaLag = maxReplicaLag;
        this.lockTimeout = lockTimeout;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Runs until the table is done or a stop is requested; returns the last progress. */
    BackfillProgress run(Connection c, Step.Backfill step, BackfillProgress resume, Listener listener)
            throws SQLException, InterruptedException {
        BackfillProgress p = resume != null ? resume : start(c, step);
        String table = db.table(step.table());
        String keyList = p.keyColumns().stream().map(db::quote).collect(Collectors.joining(", "));
        String keyTuple = p.keyColumns().size() == 1 ? keyList : "(" + keyList + ")";
        String params = p.keyColumns().size() == 1 ? "?" : "(" + "?, ".repeat(p.keyColumns().size() - 1) + "?)";
        String column = db.quote(step.column());
        while (true) {
            if (listener.stopRequested()) {
                return p;
            }
            waitForReplicas(c, listener);
            List<Object> upper = upperKey(c, table, keyList, keyTuple, params, p);
            long started = System.nanoTime();
            long updated = updateBatch(c, "UPDATE " + table + " SET " + column + " = " + step.expression() + " WHERE "
                    + (p.lastKey() == null ? "" : keyTuple + " > " + params + " AND ")
                    + (upper == null ? "" : keyTuple + " <= " + params + " AND ")
                    + column + " IS NULL", p.lastKey(), upper);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            long done = p.rowsDone() + updated;
            double seconds = Math.max(1e-3, Duration.between(p.startedAt(), clock.instant()).toMillis() / 1000.0);
            p = new BackfillProgress(p.keyColumns(), upper, done, p.rowsEstimate(), nextBatchSize(p.batchSize(), took),
                    done / seconds, p.startedAt());
            listener.batchDone(p);
            if (upper == null) {
                return p;
            }
        }
    }

    private BackfillProgress start(Connection c, Step.Backfill step) throws SQLException {
        List<String> keys = step.keyColumns().isEmpty() ? db.primaryKey(c, step.table()) : step.keyColumns();
        if (keys.isEmpty()) {
            throw new SQLException("table " + step.table() + " has no primary key, which the batched backfill walks; "
                    + "add one (or run the backfill by hand) and resume the migration");
        }
        int size = step.initialBatchSize() > 0 ? Math.min(MAX_BATCH, Math.max(MIN_BATCH, step.initialBatchSize())) : 1000;
        return new BackfillProgress(keys, null, 0, db.estimateRows(c, step.table()), size, 0, clock.instant());
    }

    /** The key {@code batchSize} rows past the last one, or null when fewer rows remain. */
    private List<Object> upperKey(Connection c, String table, String keyList, String keyTuple, String params,
                                  BackfillProgress p) throws SQLException {
        String sql = "SELECT " + keyList + " FROM " + table
                + (p.lastKey() == null ? "" : " WHERE " + keyTuple + " > " + params)
                + " ORDER BY " + keyList + " LIMIT 1 OFFSET " + (p.batchSize() - 1);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, 1, p.lastKey());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                List<Object> key = new ArrayList<>(p.keyColumns().size());
                for (int i = 1; i <= p.keyColumns().size(); i++) {
                    // Keys are saved as JSON between batches: integers and text as they are, anything else
                    // (uuid, dates) as its text form, which the server casts back to the key's type.
                    Object v = rs.getObject(i);
                    key.add(v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof String ? v : rs.getString(i));
                }
                return key;
            }
        }
    }

    private long updateBatch(Connection c, String sql, List<Object> lower, List<Object> upper)
            throws SQLException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                db.setLockTimeout(c, lockTimeout);
                int next = bind(ps, 1, lower);
                bind(ps, next, upper);
                long n = ps.executeLargeUpdate();
                c.commit();
                return n;
            } catch (SQLException e) {
                c.rollback();
                if (!db.isRetryable(e) || attempt >= maxAttempts) {
                    throw e;
                }
                Duration pause = Backoff.before(attempt + 1);
                log.info("backfill batch waited too long for a row lock (attempt {}/{}); retrying in {} ms",
                        attempt, maxAttempts, pause.toMillis());
                sleeper.sleep(pause);
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private int bind(PreparedStatement ps, int from, List<Object> key) throws SQLException {
        if (key == null) {
            return from;
        }
        int i = from;
        for (Object v : key) {
            db.bindKey(ps, i++, v);
        }
        return i;
    }

    /** The replica lag seen before the last batch. */
    Duration lastLag() {
        return lastLag;
    }

    private void waitForReplicas(Connection c, Listener listener) throws SQLException, InterruptedException {
        Duration lag = db.replicaLag(c);
        lastLag = lag;
        while (lag.compareTo(maxReplicaLag) > 0 && !listener.stopRequested()) {
            log.info("backfill waits: a replica is {} s behind (limit {} s)", lag.toSeconds(), maxReplicaLag.toSeconds());
            sleeper.sleep(Duration.ofSeconds(1));
            lag = db.replicaLag(c);
            lastLag = lag;
        }
    }

    /** Scales the batch toward the target time, at most doubling or halving per batch. */
    int nextBatchSize(int current, Duration took) {
        double ratio = (double) targetBatchTime.toNanos() / Math.max(1, took.toNanos());
        ratio = Math.max(0.5, Math.min(2.0, ratio));
        return (int) Math.max(MIN_BATCH, Math.min(MAX_BATCH, Math.round(current * ratio)));
    }
}
