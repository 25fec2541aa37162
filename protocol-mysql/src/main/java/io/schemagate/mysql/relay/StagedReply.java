package io.schemagate.mysql.relay;

import io.netty.buffer.ByteBuf;
import io.schemagate.mysql.frame.Packets;
import io.schemagate.mysql.packet.ErrPacket;
import io.schemagate.mysql.packet.ServerStatus;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.gate.PlanWait;
import io.schemagate.policy.gate.StatementListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * The answer to a COM_QUERY the gateway has something to say about (a staged migration's id, an
 * approved change), built from statements the client never sees: the server's response to the
 * client's statement (or its stand-in) is held; if it is an OK, the gateway sends a
 * {@link WarningSignal} and the client gets that statement's OK instead, with a warning count of 1
 * and the notice in {@code SHOW WARNINGS}. An ERR goes to the client as it came, and nothing more is
 * sent. When the client must wait for its staged plan ({@link PlanWait}), the SIGNAL carries the
 * plan's closing notice and is sent only once the plan has ended; a plan that stopped short gives an
 * ERR in place of the OK. Should the SIGNAL itself fail, the client gets the held OK, without the warning.
 *
 * <p>Each statement is its own command with sequence ids from 0, so the client's response keeps the
 * ids it expects. The client's later packets wait in the relay until this is over. Under a lock guard
 * the reply sees only what the guard lets through: the statement's last attempt; the guard's restore
 * statement goes before the SIGNAL, so the warning is the session's last word.
 */
final class StagedReply {

    private static final Logger log = LoggerFactory.getLogger(StagedReply.class);

    private enum Phase { STATEMENT, WAITING, SIGNAL, DONE }

    private final RelaySession s;
    private final CommandRelay relay;
    private final CommandTracker tracker;
    private final StatementListener listener;
    private final List<String> notices;
    /** Responses still due to commands the client sent before this statement: relayed as they are. */
    private int before;
    private Phase phase = Phase.STATEMENT;
    /** The held answer to the client's statement: an OK, or an ERR. */
    private ByteBuf answer;
    /** The response turned out to be a result set: it is relayed as it comes, without a warning. */
    private boolean passThrough;

    /**
     * @param listener told the statement's outcome, or null
     * @param notices  what to say; with a {@link PlanWait}, the plan's closing notice is said instead
     * @param before   responses due before the statement's own
     */
    StagedReply(RelaySession s, CommandRelay relay, CommandTracker tracker, StatementListener listener, List<String> notices,
                int before) {
        this.s = s;
        this.before = Math.max(0, before);
        this.relay = relay;
        this.tracker = tracker;
        this.listener = listener;
        this.notices = List.copyOf(notices);
    }

    /**
     * The sequence id the client's answer must carry while it is held, or -1: a gateway-made ERR
     * (the server went away) takes its place, not the place after the gateway's own statements.
     */
    int heldSequenceId() {
        return answer == null ? -1 : Packets.sequenceId(answer);
    }

    /** A server packet while this reply is under way: takes ownership and returns true when it is this reply's. */
    boolean onServerFrame(ByteBuf frame, CommandTracker.ServerPacket event) {
        if (before > 0 && phase == Phase.STATEMENT) {
            if (event == CommandTracker.ServerPacket.END_OF_RESPONSE) {
                before--;
            }
            return false;
        }
        switch (phase) {
            case STATEMENT -> statementResponse(frame, event);
            case SIGNAL -> signalResponse(frame, event);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void statementResponse(ByteBuf frame, CommandTracker.ServerPacket event) {
        if (passThrough) {
            s.toClient(frame, false);
            if (event == CommandTracker.ServerPacket.END_OF_RESPONSE) {
                finish();
            }
            return;
        }
        int first = Packets.firstByte(frame);
        if (answer != null || (first != ServerStatus.OK && first != ErrPacket.HEADER)) {
            // A result set, or more than one result: a schema change has neither, but should one come
            // it is relayed as it comes rather than held in memory.
            log.info("{}: a gated statement returned rows or several results; its notice stays in the log", s.label);
            passThrough = true;
            if (listener != null) {
                listener.completed(true, false);
            }
            if (answer != null) {
                s.toClient(answer, false);
                answer = null;
            }
            s.toClient(frame, false);
            if (event == CommandTracker.ServerPacket.END_OF_RESPONSE) {
                finish();
            }
            return;
        }
        answer = frame;
        if (event != CommandTracker.ServerPacket.END_OF_RESPONSE) {
            return;
        }
        boolean ok = first == ServerStatus.OK;
        if (listener != null) {
            // MySQL commits implicitly around a schema change, so the statement never stays in a transaction.
            listener.completed(ok, false);
        }
        if (!ok) {
            s.toClient(answer, false);
            answer = null;
            finish();
            return;
        }
        PlanWait wait = listener == null ? null : listener.planWait();
        if (wait == null) {
            signal(notices);
            return;
        }
        phase = Phase.WAITING;
        log.info("{}: the client waits for its staged plan: {}", s.label, wait.progress());
        wait.outcome().whenComplete((outcome, failure) -> {
            try {
                s.client.eventLoop().execute(() -> planEnded(outcome, failure));
            } catch (RejectedExecutionException e) {
                // The gateway is shutting down and the connection with it; the plan carries on or resumes.
                log.debug("{}: plan ended while the gateway stops", s.label);
            }
        });
    }

    private void planEnded(PlanWait.Outcome outcome, Throwable failure) {
        if (phase != Phase.WAITING || s.phase == RelaySession.Phase.CLOSED) {
            return;
        }
        GateVerdict.Refuse error = failure == null ? outcome.failure()
                : new GateVerdict.Refuse("XX000", ErrPacket.ER_UNKNOWN_ERROR, "schemagate: the gateway lost track of the "
                + "staged migration this statement waited for: " + failure.getMessage(), null,
                "schemagate migrations list shows where it stands");
        if (error == null) {
            log.info("{}: {}", s.label, outcome.notice());
            signal(List.of(outcome.notice()));
        } else {
            log.info("{}: {}", s.label, error.message());
            int seq = Packets.sequenceId(answer);
            answer.release();
            answer = null;
            String text = error.message() + (error.detail() == null ? "" : " (" + error.detail() + ")")
                    + (error.hint() == null ? "" : " Next: " + error.hint());
            s.toClient(Packets.frame(s.client.alloc(), seq,
                    new ErrPacket(error.mysqlError(), ErrPacket.sqlStateFor(error.mysqlError()), text).encode(s.client.alloc())), false);
            finish();
        }
        s.server.flush();
        s.client.flush();
    }

    /** Sends the SIGNAL as a command of the gateway's own; its response comes back through the tracker. */
    private void signal(List<String> text) {
        phase = Phase.SIGNAL;
        byte[] sql = WarningSignal.sql(text).getBytes(StandardCharsets.UTF_8);
        ByteBuf frame = s.server.alloc().buffer(Packets.HEADER_SIZE + 1 + sql.length)
                .writeMediumLE(1 + sql.length).writeByte(0).writeByte(0x03).writeBytes(sql);
        tracker.onClientPacket(frame);
        s.toServer(frame, false);
    }

    private void signalResponse(ByteBuf frame, CommandTracker.ServerPacket event) {
        if (Packets.firstByte(frame) == ServerStatus.OK && answer != null) {
            Packets.setSequenceId(frame, Packets.sequenceId(answer));
            answer.release();
            answer = null;
            s.toClient(frame, false);
        } else {
            if (Packets.firstByte(frame) == ErrPacket.HEADER) {
                log.warn("{}: the server refused the warning that carries the gateway's notice ({}); "
                        + "the client gets its OK without it", s.label, ErrPacket.decode(Packets.payload(frame)).message());
            }
            frame.release();
            if (answer != null) {
                s.toClient(answer, false);
                answer = null;
            }
        }
        if (event == CommandTracker.ServerPacket.END_OF_RESPONSE) {
            finish();
        }
    }

    private void finish() {
        phase = Phase.DONE;
        relay.stagedReplyDone();
    }

    /** The connection is closing: a waiting plan goes on without its client. */
    void release() {
        if (phase == Phase.WAITING) {
            log.info("{}: the client left while waiting for its staged plan, which goes on", s.label);
        }
        if (phase == Phase.STATEMENT && !passThrough && listener != null) {
            listener.completed(false, false);
        }
        phase = Phase.DONE;
        if (answer != null) {
            answer.release();
            answer = null;
        }
    }
}
