package io.schemagate.pg.relay;

import io.schemagate.pg.message.backend.TransactionStatus;
import io.schemagate.policy.gate.StatementListener;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a gate's {@link StatementListener} what became of the statement it let through: whether the
 * server accepted it, and later whether its transaction committed.
 *
 * <p>Each Query and each Sync the client sends ends in exactly one ReadyForQuery, in order. So the
 * statement forwarded in the N-th such request is complete at the N-th ReadyForQuery: an
 * ErrorResponse since the previous one means it failed, and the status byte says whether a
 * transaction block is still open. A statement from Parse completes with the next Sync. When a block
 * that held such a statement closes ('T' or 'E' becoming 'I'), it committed only if the last
 * CommandComplete was {@code COMMIT}; anything else, and a connection that ends, is a rollback.
 */
final class StatementOutcomes {

    private record Awaited(long request, StatementListener listener) {
    }

    /** Sends a guarded statement again after a lock timeout; attempt counts from 2. */
    interface Resender {
        void resend(String sql, int attempt);
    }

    /** A forwarded statement under a {@link io.schemagate.policy.gate.GateVerdict.LockGuard}. */
    private static final class Guarded {
        long request;
        int hidden;
        int attempt = 1;
        boolean retrying;
        final int hiddenPerAttempt;
        final int maxAttempts;
        final String sql;

        Guarded(long request, int hidden, int maxAttempts, String sql) {
            this.request = request;
            this.hidden = hidden;
            this.hiddenPerAttempt = hidden;
            this.maxAttempts = maxAttempts;
            this.sql = sql;
        }
    }

    /** PostgreSQL's lock_not_available: lock_timeout expired. */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    private final ArrayDeque<Guarded> guarded = new ArrayDeque<>();
    private Resender resender = (sql, attempt) -> { };

    private final ArrayDeque<Awaited> awaited = new ArrayDeque<>();
    private final List<StatementListener> inTransaction = new ArrayList<>();
    private final List<StatementListener> awaitingSync = new ArrayList<>();
    private long requestsSent;
    /** Starts at -1: the ReadyForQuery that ends the startup phase answers no request. */
    private long readySeen = -1;
    private boolean errorInCycle;
    private String lastTag;
    private TransactionStatus status = TransactionStatus.IDLE;

    void resender(Resender r) {
        this.resender = r;
    }

    /** A guarded Query went to the server (after {@link #requestSent}). */
    void guard(int hiddenResults, int maxAttempts, String sql) {
        guarded.add(new Guarded(requestsSent, hiddenResults, maxAttempts, sql));
    }

    /** The guarded statement whose responses are arriving now, or null. */
    private Guarded current() {
        Guarded g = guarded.peek();
        return g != null && g.request == readySeen + 1 ? g : null;
    }

    /** True when this CommandComplete is the result of a guard's own SET, which the client must not see. */
    boolean hideCommandComplete() {
        Guarded g = current();
        if (g != null && g.hidden > 0) {
            g.hidden--;
            return true;
        }
        return false;
    }

    /**
     * An ErrorResponse arrived; true when it is a guarded statement's lock timeout that will be
     * retried, so the client must not see it. Only the last request sent is retried: sending it again
     * must not overtake anything the client sent after it.
     */
    boolean errorHidden(String sqlState) {
        errorInCycle = true;
        Guarded g = current();
        if (g != null && LOCK_NOT_AVAILABLE.equals(sqlState) && g.attempt < g.maxAttempts && requestsSent == g.request) {
            g.retrying = true;
            return true;
        }
        return false;
    }

    /** Whether CommandComplete tags matter now (a transaction end is awaited); otherwise they are not read. */
    boolean wantsTags() {
        return !inTransaction.isEmpty();
    }

    /** A Query or Sync went to the server; a listener (may be null) waits for that request's outcome. */
    void requestSent(boolean sync, StatementListener listener) {
        requestsSent++;
        if (listener != null) {
            awaited.add(new Awaited(requestsSent, listener));
        }
        if (sync && !awaitingSync.isEmpty()) {
            for (StatementListener l : awaitingSync) {
                awaited.add(new Awaited(requestsSent, l));
            }
            awaitingSync.clear();
        }
    }

    /** A Parse went to the server; its listener waits for the next Sync. */
    void parseSent(StatementListener listener) {
        if (listener != null) {
            awaitingSync.add(listener);
        }
    }

    void commandComplete(String tag) {
        lastTag = tag;
    }

    /** A ReadyForQuery arrived; true when it ends a cycle that is being retried, so the client must not see it. */
    boolean readyForQueryHidden(TransactionStatus now) {
        Guarded g = current();
        if (g != null && g.retrying) {
            readySeen++;
            errorInCycle = false;
            status = now;
            long again = ++requestsSent;
            // The listeners waiting for the failed attempt wait for the new one instead.
            ArrayDeque<Awaited> moved = new ArrayDeque<>();
            for (Awaited a : awaited) {
                moved.add(a.request() == g.request ? new Awaited(again, a.listener()) : a);
            }
            awaited.clear();
            awaited.addAll(moved);
            g.request = again;
            g.hidden = g.hiddenPerAttempt;
            g.retrying = false;
            g.attempt++;
            resender.resend(g.sql, g.attempt);
            return true;
        }
        readyForQuery(now);
        while (!guarded.isEmpty() && guarded.peek().request <= readySeen) {
            guarded.poll();
        }
        return false;
    }

    private void readyForQuery(TransactionStatus now) {
        readySeen++;
        boolean ok = !errorInCycle;
        errorInCycle = false;
        TransactionStatus before = status;
        status = now;
        if (before.inTransactionBlock() && now == TransactionStatus.IDLE && !inTransaction.isEmpty()) {
            boolean committed = before == TransactionStatus.IN_TRANSACTION && "COMMIT".equals(lastTag);
            List<StatementListener> ended = new ArrayList<>(inTransaction);
            inTransaction.clear();
            ended.forEach(l -> l.transactionEnded(committed));
        }
        while (!awaited.isEmpty() && awaited.peek().request() <= readySeen) {
            StatementListener l = awaited.poll().listener();
            boolean open = now.inTransactionBlock();
            l.completed(ok, open);
            if (ok && open) {
                inTransaction.add(l);
            }
        }
        lastTag = null;
    }

    /** The connection ended: whatever was pending did not commit. */
    void connectionClosed() {
        awaitingSync.forEach(l -> l.completed(false, false));
        awaited.forEach(a -> a.listener().completed(false, false));
        inTransaction.forEach(l -> l.transactionEnded(false));
        awaitingSync.clear();
        awaited.clear();
        inTransaction.clear();
    }
}
