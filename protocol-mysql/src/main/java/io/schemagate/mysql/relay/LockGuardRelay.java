package io.schemagate.mysql.relay;

import io.netty.buffer.ByteBuf;
import io.schemagate.mysql.frame.Packets;
import io.schemagate.mysql.packet.Command;
import io.schemagate.mysql.packet.ErrPacket;
import io.schemagate.policy.gate.GateVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a {@link GateVerdict.LockGuard} on the client's connection: sends the guard's hidden
 * set-up statement, then the schema change; when the server answers the change with ER_LOCK_WAIT_TIMEOUT
 * (1205) and attempts are left, hides that error and sends the change again after a jittered
 * exponential back-off; once the change's last answer is relayed, sends the hidden restore statement.
 *
 * <p>The client's later commands wait until then (they are held, not read), so nothing it sends
 * overtakes a retry or runs under the gateway's timeout. The hidden statements are commands of their
 * own, starting at sequence id 0 as every command does, so the client's exchange keeps the sequence
 * ids it expects; their responses are dropped whole. Responses are matched to commands by order: the
 * MySQL protocol answers commands one after another.
 */
final class LockGuardRelay {

    private static final Logger log = LoggerFactory.getLogger(LockGuardRelay.class);

    /** Whose response is due next. */
    private enum Due { CLIENT, HIDDEN, GUARDED }

    private final RelaySession s;
    private final CommandTracker tracker;
    private final Runnable done;
    private final ArrayDeque<Due> due = new ArrayDeque<>();
    /** The statement's packets, kept for a retry; empty when it is not retried. */
    private List<ByteBuf> statement = List.of();
    private GateVerdict.LockGuard guard;
    private int attempt;
    /** The next server packet starts a response. */
    private boolean responseStart = true;
    private boolean retrying;

    /** @param done called on the event loop once the guarded statement's attempts are over */
    LockGuardRelay(RelaySession s, CommandTracker tracker, Runnable done) {
        this.s = s;
        this.tracker = tracker;
        this.done = done;
    }

    /** A guarded statement's attempts are not over: the client's next commands must wait. */
    boolean holding() {
        return guard != null;
    }

    /**
     * Sends {@code frames}, the statement's packets whose command the tracker has already seen, under
     * {@code g}. Takes ownership of the frames.
     */
    void start(List<ByteBuf> frames, GateVerdict.LockGuard g) {
        // Responses to commands sent before this one are the client's; then the statement's own.
        for (int i = tracker.responsesDue() - 1; i > 0; i--) {
            due.add(Due.CLIENT);
        }
        guard = g;
        attempt = 1;
        if (g.setUp() != null) {
            hidden(g.setUp());
        }
        if (g.maxAttempts() > 1) {
            statement = List.copyOf(frames);
            statement.forEach(f -> s.toServer(f.retainedDuplicate(), true));
        } else {
            frames.forEach(f -> s.toServer(f, true));
        }
        due.add(Due.GUARDED);
        // Nothing is half answered unless a client response is due first, which ends before ours starts.
        responseStart = true;
    }

    /** Server packets may be the gateway's business: a guarded statement's responses are due. */
    boolean watching() {
        return !due.isEmpty();
    }

    /** Whether this server packet is the gateway's business and must not reach the client (it is then released). */
    boolean swallow(ByteBuf frame, CommandTracker.ServerPacket event) {
        Due d = due.peek();
        if (d == null) {
            return false;
        }
        boolean start = responseStart;
        boolean end = event == CommandTracker.ServerPacket.END_OF_RESPONSE;
        responseStart = end;
        boolean err = start && (Packets.firstByte(frame) & 0xFF) == ErrPacket.HEADER;
        boolean swallowed = switch (d) {
            case CLIENT -> false;
            case HIDDEN -> {
                if (err) {
                    log.warn("{}: a lock-timeout statement of the gateway failed: {}", s.label,
                            ErrPacket.decode(Packets.payload(frame)).message());
                }
                yield true;
            }
            case GUARDED -> {
                if (start) {
                    retrying = err && attempt < guard.maxAttempts()
                            && ErrPacket.errorCode(Packets.payload(frame)) == ErrPacket.ER_LOCK_WAIT_TIMEOUT;
                }
                yield retrying;
            }
        };
        if (swallowed) {
            frame.release();
        }
        if (end) {
            due.poll();
            if (d == Due.GUARDED) {
                answered();
            }
        }
        return swallowed;
    }

    /** The statement's attempt was answered: retry it later, or finish. */
    private void answered() {
        if (retrying) {
            retrying = false;
            attempt++;
            long ceiling = Math.min(10_000, 100L << Math.min(attempt, 10));
            long delay = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
            log.info("{}: a schema change gave up waiting for its lock; attempt {} in {} ms", s.label, attempt, delay);
            s.client.eventLoop().schedule(this::resend, delay, TimeUnit.MILLISECONDS);
            return;
        }
        if (guard.restore() != null) {
            hidden(guard.restore());
            s.server.flush();
        }
        release();
        // After the answer in hand has been relayed: held commands must not overtake it to the client.
        s.client.eventLoop().execute(done);
    }

    private void resend() {
        if (s.phase == RelaySession.Phase.CLOSED || guard == null) {
            return;
        }
        for (ByteBuf f : statement) {
            ByteBuf copy = f.retainedDuplicate();
            tracker.onClientPacket(copy);
            s.toServer(copy, true);
        }
        due.add(Due.GUARDED);
        s.server.flush();
    }

    /** Sends a statement of the gateway's own, whose response the client never sees. */
    private void hidden(String sql) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        ByteBuf payload = s.server.alloc().buffer(1 + text.length).writeByte(Command.COM_QUERY.code()).writeBytes(text);
        ByteBuf frame = Packets.frame(s.server.alloc(), 0, payload);
        tracker.onClientPacket(frame);
        s.toServer(frame, true);
        due.add(Due.HIDDEN);
    }

    /** Drops the kept packets; the guard is over (or the connection is). */
    void release() {
        statement.forEach(ByteBuf::release);
        statement = List.of();
        guard = null;
    }
}
