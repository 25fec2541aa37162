package io.schemagate.pg.relay;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.schemagate.pg.frame.FrameInspector;
import io.schemagate.pg.frame.PgFrame;
import io.schemagate.pg.message.backend.ErrorResponse;
import io.schemagate.pg.message.backend.NoticeResponse;
import io.schemagate.pg.message.frontend.Parse;
import io.schemagate.pg.message.frontend.Query;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.gate.StatementGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands each Query and Parse to the {@link StatementGate} and holds the client connection (no reads,
 * later messages queued in order) until the verdict is in.
 *
 * <p>A refused statement is not answered by the gateway out of band: it is replaced by a statement
 * the server itself rejects with a syntax error naming a unique token, and that error is swapped for
 * the gate's on its way back. So the error lands exactly where the server would have put it among
 * pipelined responses, and the server itself does the rest of what PostgreSQL does on an error: an
 * open transaction block fails ('E'), extended-query messages up to the next Sync are discarded, and
 * ReadyForQuery carries the right status.
 */
final class GatedStatements implements StatementRelay, FrameInspector {

    private static final Logger log = LoggerFactory.getLogger(GatedStatements.class);
    /** The prefix of the statement a refused one is replaced with; it is not valid SQL, by design. */
    static final String REFUSED_TOKEN = "schemagate_refused_";
    /** Refusals whose server error never came back (an earlier error skipped them) are forgotten after this many. */
    private static final int MAX_PENDING_REFUSALS = 64;

    private final PgFrontendHandler frontend;
    private final StatementGate gate;
    private final PgSession session;
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private final Map<String, GateVerdict.Refuse> refusals = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, GateVerdict.Refuse> eldest) {
            return size() > MAX_PENDING_REFUSALS;
        }
    };
    private final StatementOutcomes outcomes = new StatementOutcomes();
    private final PlanWaits waits;
    /** Holds the SQL bytes of a message in a direct buffer for the lexer; grows, never shrinks. */
    private byte[] scratch = new byte[256];
    private long refusedCount;
    private boolean judging;
    /**
     * A guarded statement's lock timeout was hidden and it will be sent again: from that error on,
     * nothing the client sends, and no verdict that comes in meanwhile, may reach the server first.
     */
    private boolean retryPending;
    /** A verdict that came in while a retry was pending, applied right after the retry is sent. */
    private Runnable afterRetry;
    private boolean discarded;

    GatedStatements(PgFrontendHandler frontend, StatementGate gate, PgSession session) {
        this.frontend = frontend;
        this.gate = gate;
        this.session = session;
        outcomes.resender(this::resendAfterBackoff);
        this.waits = new PlanWaits(frontend, session, this::relayHeld);
    }

    PlanWaits waits() {
        return waits;
    }

    /** Relays the client messages held while it could not go on, in order, until something holds it again. */
    private void relayHeld() {
        while (!holding() && !held.isEmpty()) {
            frontend.relayHeld(held.poll());
        }
        frontend.flushAndReadNext();
    }

    /**
     * Sends a guarded statement again after its lock timeout, with jittered exponential back-off.
     * The client is held meanwhile, so nothing it sends overtakes the retry.
     */
    private void resendAfterBackoff(String sql, int attempt) {
        retryPending = true;
        long ceiling = Math.min(10_000, 100L << Math.min(attempt, 10));
        long delay = java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        log.info("[{}] a schema change gave up waiting for its lock; attempt {} in {} ms", session.id(), attempt, delay);
        frontend.inbound().eventLoop().schedule(() -> {
            retryPending = false;
            if (discarded) {
                return;
            }
            frontend.forward(new Query(sql).encode(frontend.inbound().alloc()));
            Runnable verdict = afterRetry;
            afterRetry = null;
            if (verdict != null) {
                verdict.run();
                return;
            }
            while (!holding() && !held.isEmpty()) {
                frontend.relayHeld(held.poll());
            }
            frontend.flushAndReadNext();
        }, delay, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    StatementOutcomes outcomes() {
        return outcomes;
    }

    /** The server's lock timeout for a guarded statement was hidden: hold everything until its retry is sent. */
    void lockTimeoutHidden() {
        retryPending = true;
    }

    @Override
    public void onStatement(PgFrame frame) {
        if (frame.type() == SYNC) {
            outcomes.requestSent(true, null);
            frontend.forward(frame);
            return;
        }
        if (!gate.mayNeedJudgement(Dialect.POSTGRESQL,
                sqlBytes(frame.type(), frame.content(), frame.content().readerIndex(), frame.content().writerIndex()), sqlFrom, sqlTo)) {
            // The hot path: nothing in the text can be a schema change, so it goes as it came.
            sent(frame.type(), null);
            frontend.forward(frame);
            return;
        }
        GateRequest request;
        try {
            request = frame.type() == Query.TYPE
                    ? request(Query.decode(frame.content()).sql(), GateRequest.Origin.PG_QUERY)
                    : request(Parse.decode(frame.content()).sql(), GateRequest.Origin.PG_PARSE);
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
        judging = true;
        gate.judge(request).whenComplete((verdict, failure) -> {
            try {
                // Always on the event loop, and never inline: the rest of this read is queued first.
                frontend.inbound().eventLoop().execute(() -> apply(frame, verdict, failure));
            } catch (RejectedExecutionException e) {
                // The gateway is shutting down and the connection with it.
                frame.release();
            }
        });
    }

    /** Sync: opened with a gate, so each request's ReadyForQuery can be matched to it. */
    static final byte SYNC = 'S';
    private int sqlFrom;
    private int sqlTo;

    /**
     * The message's SQL text as bytes in [{@link #sqlFrom}, {@link #sqlTo}): Query is the text and a
     * terminating zero; Parse is a statement name, its zero, then the text and its zero. The message
     * is the whole frame at [{@code frameStart}, {@code frameEnd}) of {@code c}.
     */
    private byte[] sqlBytes(byte type, ByteBuf c, int frameStart, int frameEnd) {
        int start = frameStart + 5;
        int end = frameEnd;
        if (type == Parse.TYPE) {
            int nameEnd = c.indexOf(start, end, (byte) 0);
            start = nameEnd < 0 ? end : nameEnd + 1;
        }
        int textEnd;
        if (type != Parse.TYPE && end > start && c.getByte(end - 1) == 0) {
            // A Query's text ends with the message; no need to search for its NUL before the lexer
            // reads the same bytes. (A NUL inside it makes the server refuse the message; the lexer
            // then reads more text, never less.)
            textEnd = end - 1;
        } else {
            textEnd = c.indexOf(start, end, (byte) 0);
            textEnd = textEnd < 0 ? end : textEnd;
        }
        int n = textEnd - start;
        if (c.hasArray()) {
            sqlFrom = c.arrayOffset() + start;
            sqlTo = sqlFrom + n;
            return c.array();
        }
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        c.getBytes(start, scratch, 0, n);
        sqlFrom = 0;
        sqlTo = n;
        return scratch;
    }

    /**
     * The hot path, run by the client's frame decoder on each whole Query, Parse and Sync where it
     * lies: a Sync, and a statement the lexer clears, are counted and stay in the run of bytes
     * relayed as they came; a statement that may be a schema change is handed over to be judged.
     * While a verdict is pending everything is handed over, to be held in order.
     */
    @Override
    public int inspect(byte type, ByteBuf buf, int index, int length) {
        if (holding() || !frontend.relaying()) {
            // Held, or queued until the server connection is up: counted when relayed, in order.
            return FrameInspector.OPEN;
        }
        if (type == SYNC) {
            outcomes.requestSent(true, null);
            return FrameInspector.RELAY;
        }
        if (gate.mayNeedJudgement(Dialect.POSTGRESQL, sqlBytes(type, buf, index, index + 1 + length), sqlFrom, sqlTo)) {
            return FrameInspector.OPEN;
        }
        sent(type, null);
        return FrameInspector.RELAY;
    }

    private void sent(byte type, io.schemagate.policy.gate.StatementListener listener) {
        sent(type, listener, null);
    }

    /** @param tag the command tag to show in place of the DO block the statement runs in, or null */
    private void sent(byte type, io.schemagate.policy.gate.StatementListener listener, String tag) {
        if (type == Query.TYPE) {
            outcomes.requestSent(false, listener);
        } else {
            outcomes.parseSent(listener, tag);
        }
    }

    private GateRequest request(String sql, GateRequest.Origin origin) {
        return new GateRequest(Dialect.POSTGRESQL, session.principal(), sql, origin,
                session.txStatus().inTransactionBlock(), session.id());
    }

    private void apply(PgFrame frame, GateVerdict verdict, Throwable failure) {
        judging = false;
        if (discarded) {
            frame.release();
            return;
        }
        if (retryPending) {
            // An earlier guarded statement is about to be sent again: this one goes after it.
            GateVerdict later = verdict;
            afterRetry = () -> apply(frame, later, failure);
            return;
        }
        if (failure != null) {
            // Fail closed: a statement the gate could not judge does not reach the server.
            log.warn("[{}] the statement gate failed, refusing the statement: {}", session.id(), Closing.reason(failure), failure);
            verdict = new GateVerdict.Refuse("XX000", 0, "the gateway could not check this statement: "
                    + Closing.reason(failure), null, "retry; if it keeps failing, look at the gateway's log");
        }
        if (verdict instanceof GateVerdict.Forward forward) {
            GateVerdict.LockGuard guard = forward.sql() == null ? null : forward.guard();
            sent(frame.type(), waits.wrap(forward.listener()), guard == null ? null : guard.commandTag());
            if (guard != null && frame.type() == Query.TYPE) {
                outcomes.guard(guard.hiddenResults(), guard.maxAttempts(), forward.sql(), guard.commandTag());
            }
            frontend.forward(forward.sql() == null ? frame : rewrite(frame, forward.sql()));
            for (String notice : forward.notices()) {
                frontend.noticeToClient(NoticeResponse.notice(notice));
            }
        } else if (verdict instanceof GateVerdict.Refuse refuse) {
            String token = REFUSED_TOKEN + (++refusedCount);
            refusals.put(token, refuse);
            sent(frame.type(), null);
            frontend.forward(rewrite(frame, token));
        }
        while (!holding() && !held.isEmpty()) {
            frontend.relayHeld(held.poll());
        }
        frontend.flushAndReadNext();
    }

    /** The same message with other SQL text: Query keeps nothing else; Parse keeps its name and types. */
    private ByteBuf rewrite(PgFrame frame, String sql) {
        try {
            ByteBuf original = frame.content();
            return frame.type() == Query.TYPE
                    ? new Query(sql).encode(original.alloc())
                    : withSql(Parse.decode(original), sql).encode(original.alloc());
        } finally {
            frame.release();
        }
    }

    private static Parse withSql(Parse p, String sql) {
        return new Parse(p.statementName(), sql, p.parameterTypes());
    }

    /**
     * The gate's error in place of the server's, when the server's is the syntax error of a refused
     * statement's stand-in; null to relay the server's error as it is.
     */
    ErrorResponse replaceServerError(ErrorResponse serverError) {
        String token = refusals.isEmpty() ? null : tokenIn(serverError.message());
        GateVerdict.Refuse r = token == null ? null : refusals.remove(token);
        return r == null ? null : ErrorResponse.of("ERROR", r.sqlState(), r.message(), r.detail(), r.hint());
    }

    /** The refusal token a server message names (the server quotes it, whatever its language), or null. */
    static String tokenIn(String message) {
        int at = message == null ? -1 : message.indexOf(REFUSED_TOKEN);
        if (at < 0) {
            return null;
        }
        int end = at + REFUSED_TOKEN.length();
        while (end < message.length() && Character.isDigit(message.charAt(end))) {
            end++;
        }
        return end == at + REFUSED_TOKEN.length() ? null : message.substring(at, end);
    }

    @Override
    public void onOther(Object msg) {
        held.add(msg);
    }

    @Override
    public boolean holding() {
        return judging || retryPending || waits.active();
    }

    @Override
    public void discard() {
        if (!discarded) {
            outcomes.connectionClosed();
        }
        discarded = true;
        waits.discard();
        Runnable verdict = afterRetry;
        afterRetry = null;
        if (verdict != null) {
            // Discarded now, so it only releases its message.
            verdict.run();
        }
        while (!held.isEmpty()) {
            ReferenceCountUtil.release(held.poll());
        }
    }
}
