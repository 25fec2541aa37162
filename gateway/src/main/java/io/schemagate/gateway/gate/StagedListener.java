package io.schemagate.gateway.gate;

import io.schemagate.gateway.executor.MigrationExecutor;
import io.schemagate.policy.gate.PlanWait;
import io.schemagate.policy.gate.StatementListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Starts the background steps of a staged migration once the client's own statement (its in-band
 * step) has really happened: at once outside a transaction block, after COMMIT inside one; a failed
 * statement or a rollback discards them. With {@code wait}, the client is held until they are done.
 *
 * <p>Protocol listeners call it on their event loop, and recording the migration's new state is a
 * durable write (a synced file or the shared database), so that runs on the gate's pool.
 */
final class StagedListener implements StatementListener {

    private static final Logger log = LoggerFactory.getLogger(StagedListener.class);

    private final MigrationExecutor executor;
    private final String id;
    private final PlanWait wait;
    private final Executor pool;

    /** @param wait what the client waits for, or null when it does not */
    StagedListener(MigrationExecutor executor, String id, PlanWait wait, Executor pool) {
        this.executor = executor;
        this.id = id;
        this.wait = wait;
        this.pool = pool;
    }

    @Override
    public void completed(boolean ok, boolean inTransactionBlock) {
        if (!ok) {
            run(() -> executor.discard(id, "the in-band step failed on the client's connection"));
        } else if (!inTransactionBlock) {
            run(() -> executor.start(id));
        }
    }

    @Override
    public void transactionEnded(boolean committed) {
        if (committed) {
            run(() -> executor.start(id));
        } else {
            run(() -> executor.discard(id, "the client's transaction rolled back"));
        }
    }

    private void run(Runnable work) {
        try {
            pool.execute(work);
        } catch (RejectedExecutionException e) {
            // The gateway is stopping: a waiting migration stays waiting and is never started, as if
            // the client's connection had ended first.
            log.warn("staged migration {} was not started or discarded: the gateway is stopping", id);
        }
    }

    @Override
    public PlanWait planWait() {
        return wait;
    }
}
