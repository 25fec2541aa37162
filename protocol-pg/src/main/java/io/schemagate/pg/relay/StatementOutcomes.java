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

    private final ArrayDeque<Awaited> awaited = new ArrayDeque<>();
    private final List<StatementListener> inTransaction = new ArrayList<>();
    private final List<StatementListener> awaitingSync = new ArrayList<>();
    private long requestsSent;
    private long readySeen;
    private boolean errorInCycle;
    private String lastTag;
    private TransactionStatus status = TransactionStatus.IDLE;

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

    void error() {
        errorInCycle = true;
    }

    void commandComplete(String tag) {
        lastTag = tag;
    }

    void readyForQuery(TransactionStatus now) {
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
