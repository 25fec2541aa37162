package io.schemagate.gateway.executor;

import java.util.concurrent.CompletableFuture;

/**
 * Follows one migration from memory, for a client that waits for it: the state last saved, and a
 * future that completes with the migration once it stops (completed, failed, paused, discarded or
 * rolled back). Fed by every save of the executor, so reading it never touches the store.
 */
public final class MigrationWatch {

    private volatile Migration latest;
    private final CompletableFuture<Migration> stopped = new CompletableFuture<>();

    MigrationWatch(Migration first) {
        this.latest = first;
    }

    /** The state last saved. */
    public Migration latest() {
        return latest;
    }

    /** Completes, on the executor's thread that saved it, with the migration in the state it stopped in. */
    public CompletableFuture<Migration> stopped() {
        return stopped;
    }

    /** @return true when this save ends the watch */
    boolean saved(Migration m) {
        latest = m;
        if (stops(m.state())) {
            stopped.complete(m);
            return true;
        }
        return false;
    }

    /** The states in which a migration no longer moves on by itself. */
    static boolean stops(Migration.State s) {
        return switch (s) {
            case WAITING, PENDING, RUNNING -> false;
            case DISCARDED, PAUSED, FAILED, COMPLETED, ROLLING_BACK, ROLLED_BACK -> true;
        };
    }
}
