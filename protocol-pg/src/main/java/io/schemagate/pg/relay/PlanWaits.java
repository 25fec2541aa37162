package io.schemagate.pg.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.schemagate.pg.message.backend.ErrorResponse;
import io.schemagate.pg.message.backend.NoticeResponse;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.gate.PlanWait;
import io.schemagate.policy.gate.StatementListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Holds a client whose statement must wait for the staged plan behind it ({@link PlanWait}): once the
 * server's ReadyForQuery says the statement succeeded outside a transaction block, that ReadyForQuery
 * and everything the server sends after it are kept back, the client is not read, and a progress
 * NoticeResponse goes out every interval. When the plan ends the client gets a closing notice, or an
 * ErrorResponse in place of success, then the ReadyForQuery, and the relay carries on in order.
 *
 * <p>The command tag has gone out already: a client sees the tag, the notices, then the end of the
 * cycle (psql prints them in that order; libpq and pgjdbc report the error as the statement's result).
 * A cancel request for the session ends the wait with the plan's {@link PlanWait#cancelled()} error.
 * Nothing here blocks: progress is read from memory and the plan's end arrives as a task on this
 * connection's event loop. A client that goes away while it waits leaves the plan running.
 */
final class PlanWaits {

    private static final Logger log = LoggerFactory.getLogger(PlanWaits.class);

    private final PgFrontendHandler frontend;
    private final PgSession session;
    private final Runnable resumeClient;
    private final ArrayDeque<Object> fromServer = new ArrayDeque<>();
    /** Set while a waiting statement's success is being reported, taken by the ReadyForQuery that reports it. */
    private PlanWait next;
    private PlanWait current;
    private ByteBuf readyForQuery;
    private ScheduledFuture<?> ticker;
    private long startedNanos;
    private boolean discarded;

    /** @param resumeClient relays the client messages held during the wait and reads on */
    PlanWaits(PgFrontendHandler frontend, PgSession session, Runnable resumeClient) {
        this.frontend = frontend;
        this.session = session;
        this.resumeClient = resumeClient;
    }

    /** The listener as given, or one that also notes when its client must wait. */
    StatementListener wrap(StatementListener l) {
        PlanWait wait = l == null ? null : l.planWait();
        if (wait == null) {
            return l;
        }
        return new StatementListener() {
            @Override
            public void completed(boolean ok, boolean inTransactionBlock) {
                l.completed(ok, inTransactionBlock);
                if (ok && !inTransactionBlock) {
                    next = wait;
                } else if (ok) {
                    // A driver sent BEGIN with the statement: the plan runs after COMMIT, so no wait.
                    frontend.noticeToClient(NoticeResponse.notice(wait.notWaiting()));
                }
            }

            @Override
            public void transactionEnded(boolean committed) {
                l.transactionEnded(committed);
            }
        };
    }

    /** A statement whose client must wait has just succeeded: the ReadyForQuery being read is to be held. */
    boolean pending() {
        return next != null && !discarded;
    }

    /** Whether a client is waiting: its messages are held and the server is not read. */
    boolean active() {
        return current != null;
    }

    /**
     * Called with each ReadyForQuery handed over whole, after the statement outcomes have seen it:
     * true when it ends a statement whose client must wait, and is kept until the plan ends (the
     * frame is then released here).
     */
    boolean holdReadyForQuery(ByteBuf frame) {
        if (next == null || discarded) {
            next = null;
            return false;
        }
        current = next;
        next = null;
        // A copy: the frame is a slice of the read buffer, which must not stay pinned for the whole wait.
        readyForQuery = frame.copy();
        frame.release();
        startedNanos = System.nanoTime();
        PlanWait wait = current;
        Channel in = frontend.inbound();
        long every = Math.max(100, wait.progressInterval().toMillis());
        ticker = in.eventLoop().scheduleAtFixedRate(() -> {
            if (current == wait) {
                toClient(NoticeResponse.notice(wait.progress()).encode(in.alloc()));
            }
        }, every, every, TimeUnit.MILLISECONDS);
        log.info("[{}] the client waits for its staged plan: {}", frontend.id(), wait.progress());
        if (session.backendKey() != null) {
            // psql's Ctrl-C: the server has nothing to cancel, so the gateway ends the wait itself.
            frontend.cancels().onCancel(session.backendKey(), () -> in.eventLoop().execute(() -> {
                if (current == wait) {
                    log.info("[{}] the client cancelled its wait for its staged plan, which goes on", frontend.id());
                    end(wait, PlanWait.Outcome.failed(wait.cancelled()), null);
                }
            }));
        }
        wait.outcome().whenComplete((outcome, failure) -> {
            try {
                in.eventLoop().execute(() -> end(wait, outcome, failure));
            } catch (RejectedExecutionException e) {
                // The gateway is shutting down and the connection with it; the plan carries on or resumes.
                log.debug("[{}] plan ended while the gateway stops", frontend.id());
            }
        });
        return true;
    }

    /** While a client waits, takes what the server sends (in order, for after the wait); false otherwise. */
    boolean queue(Object msg) {
        if (current == null) {
            return false;
        }
        fromServer.add(msg);
        return true;
    }

    private void end(PlanWait wait, PlanWait.Outcome outcome, Throwable failure) {
        if (discarded || current != wait) {
            return;
        }
        ticker.cancel(false);
        stopListeningForCancel();
        Channel in = frontend.inbound();
        if (failure != null) {
            log.warn("[{}] lost track of the staged plan the client waited for: {}", frontend.id(), Closing.reason(failure));
            outcome = PlanWait.Outcome.failed(new GateVerdict.Refuse("XX000", 0,
                    "schemagate: the gateway lost track of the staged migration this statement waited for: "
                            + Closing.reason(failure), null, "schemagate migrations list shows where it stands"));
        }
        GateVerdict.Refuse error = outcome.failure();
        log.info("[{}] the client waited {} ms for its staged plan: {}", frontend.id(),
                (System.nanoTime() - startedNanos) / 1_000_000, error == null ? outcome.notice() : error.message());
        toClient(error == null ? NoticeResponse.notice(outcome.notice()).encode(in.alloc())
                : ErrorResponse.of("ERROR", error.sqlState(), error.message(), error.detail(), error.hint()).encode(in.alloc()));
        ByteBuf ready = readyForQuery;
        readyForQuery = null;
        current = null;
        toClient(ready);
        frontend.backend().resumeAfterWait(fromServer);
        resumeClient.run();
    }

    /**
     * Written straight to the client: while a client waits the server's stream is held at a message
     * boundary (the ReadyForQuery), so nothing of the server's is half written.
     */
    private void toClient(ByteBuf msg) {
        Channel in = frontend.inbound();
        if (in.isActive()) {
            in.writeAndFlush(msg);
        } else {
            msg.release();
        }
    }

    private void stopListeningForCancel() {
        if (session.backendKey() != null) {
            frontend.cancels().clearOnCancel(session.backendKey());
        }
    }

    /** The connection is closing: drops the wait (the plan goes on) and what it held. */
    void discard() {
        if (current != null) {
            log.info("[{}] the client left while waiting for its staged plan, which goes on: {}", frontend.id(),
                    current.progress());
        }
        if (current != null) {
            stopListeningForCancel();
        }
        discarded = true;
        next = null;
        current = null;
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (readyForQuery != null) {
            readyForQuery.release();
            readyForQuery = null;
        }
        while (!fromServer.isEmpty()) {
            ReferenceCountUtil.release(fromServer.poll());
        }
    }
}
