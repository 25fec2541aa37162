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
 *
 * <p>It also shows a schema change that the gate wrapped in a DO block with the statement's own
 * command tag. In a Query, the wrapped statement's is the first {@code DO} tag after the hidden
 * results. For a Parse, the Parses of one request (up to its Sync) are answered in order by
 * ParseComplete until an error skips the rest; the {@code DO} tag that follows the wrapped Parse's
 * ParseComplete, before the next ParseComplete, is its Execute's. A statement prepared by name and
 * executed again later without a new Parse answers {@code DO}.
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
        /** The tag shown in place of the wrapped statement's {@code DO}, until used; null: none. */
        String tag;

        Guarded(long request, int hidden, int maxAttempts, String sql, String tag) {
            this.request = request;
            this.hidden = hidden;
            this.hiddenPerAttempt = hidden;
            this.maxAttempts = maxAttempts;
            this.sql = sql;
            this.tag = tag;
        }
    }

    /** A Parse whose statement runs in a DO block: the {@code parse}-th Parse of request {@code request}. */
    private record ParseTag(long request, int parse, String tag) {
    }

    /** PostgreSQL's lock_not_available: lock_timeout expired. */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    private final ArrayDeque<Guarded> guarded = new ArrayDeque<>();
    private final ArrayDeque<ParseTag> parseTags = new ArrayDeque<>();
    /** Parses sent since the last Query or Sync. */
    private int parsesInRequest;
    /** ParseCompletes received since the last ReadyForQuery. */
    private int parsesComplete;
    /** The tag for the next {@code DO} CommandComplete, armed by a wrapped Parse's ParseComplete. */
    private String armedTag;
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

    /** A guarded Query went to the server (after {@link #requestSent}); {@code tag} as in {@link #parseSent}. */
    void guard(int hiddenResults, int maxAttempts, String sql, String tag) {
        guarded.add(new Guarded(requestsSent, hiddenResults, maxAttempts, sql, tag));
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

    /**
     * Whether CommandComplete tags matter now (a transaction end is awaited, or a {@code DO} tag may
     * stand for a wrapped statement); otherwise they are not read.
     */
    boolean wantsTags() {
        if (!inTransaction.isEmpty() || armedTag != null) {
            return true;
        }
        Guarded g = current();
        return g != null && g.tag != null;
    }

    /** A ParseComplete arrived: the next Parse of the current request was accepted. */
    void parseComplete() {
        ParseTag t = parseTags.peek();
        if (t != null && t.request() == readySeen + 1 && t.parse() == parsesComplete) {
            parseTags.poll();
            armedTag = t.tag();
        } else {
            armedTag = null;
        }
        parsesComplete++;
    }

    /**
     * The tag to show the client in place of {@code tag} (read when {@link #wantsTags()}), or null to
     * relay it as it is: the statement's own tag in place of the {@code DO} of the block it ran in.
     */
    String replacementTag(String tag) {
        if (!"DO".equals(tag)) {
            return null;
        }
        Guarded g = current();
        String replacement = null;
        if (g != null && g.tag != null) {
            replacement = g.tag;
            g.tag = null;
        } else if (armedTag != null) {
            replacement = armedTag;
            armedTag = null;
        }
        return replacement;
    }

    /** A Query or Sync went to the server; a listener (may be null) waits for that request's outcome. */
    void requestSent(boolean sync, StatementListener listener) {
        requestsSent++;
        parsesInRequest = 0;
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

    /**
     * A Parse went to the server; its listener waits for the next Sync. {@code tag}: the statement runs
     * in a DO block, whose {@code DO} command tag the client is shown as this one; null: none.
     */
    void parseSent(StatementListener listener, String tag) {
        if (listener != null) {
            awaitingSync.add(listener);
        }
        if (tag != null) {
            parseTags.add(new ParseTag(requestsSent + 1, parsesInRequest, tag));
        }
        parsesInRequest++;
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
        parsesComplete = 0;
        armedTag = null;
        while (!parseTags.isEmpty() && parseTags.peek().request() <= readySeen) {
            parseTags.poll();
        }
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
