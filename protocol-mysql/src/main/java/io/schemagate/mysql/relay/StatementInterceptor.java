package io.schemagate.mysql.relay;

import io.netty.buffer.ByteBuf;
import io.schemagate.mysql.frame.Packets;
import io.schemagate.mysql.packet.ErrPacket;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.gate.StatementGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The one place COM_QUERY and COM_STMT_PREPARE text passes on its way to the server. With
 * {@link StatementGate#PASS_THROUGH} nothing is decoded (the hot path). Otherwise the packets of the
 * statement are collected (a statement over 16 MiB spans several), client reads stop, and the gate's
 * verdict decides: forward the client's own packets, forward re-encoded SQL, or answer an ERR packet
 * with the sequence id the client expects, without the server hearing of it.
 */
final class StatementInterceptor {

    private static final Logger log = LoggerFactory.getLogger(StatementInterceptor.class);

    private final RelaySession s;
    private final CommandRelay relay;
    private final StatementGate gate;
    private final List<ByteBuf> parts = new ArrayList<>();
    private GateRequest.Origin origin;
    private boolean judging;
    /** Holds a command's text from a direct buffer for the lexer; grows, never shrinks. */
    private byte[] scratch = new byte[256];

    StatementInterceptor(RelaySession s, CommandRelay relay, StatementGate gate) {
        this.s = s;
        this.relay = relay;
        this.gate = gate;
    }

    boolean enabled() {
        return gate != StatementGate.PASS_THROUGH;
    }

    /**
     * The hot-path test on a command's first packet: false when its text certainly holds no schema
     * change, so it is forwarded without being decoded. A statement spread over several packets is
     * always judged whole.
     */
    boolean mayNeedJudgement(ByteBuf frame) {
        return mayNeedJudgement(frame, frame.readerIndex());
    }

    /** {@link #mayNeedJudgement(ByteBuf)} for the frame at index {@code at} of a run. */
    boolean mayNeedJudgement(ByteBuf buf, int at) {
        if (Packets.continues(buf, at)) {
            return true;
        }
        int start = at + Packets.HEADER_SIZE + 1;
        int n = Packets.payloadLength(buf, at) - 1;
        if (buf.hasArray()) {
            int from = buf.arrayOffset() + start;
            return gate.mayNeedJudgement(Dialect.MYSQL, buf.array(), from, from + n);
        }
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        buf.getBytes(start, scratch, 0, n);
        return gate.mayNeedJudgement(Dialect.MYSQL, scratch, 0, n);
    }

    /** The statement's first packet arrived; more follow while a packet is exactly 16 MiB - 1. */
    void begin(ByteBuf frame, GateRequest.Origin origin) {
        this.origin = origin;
        add(frame);
    }

    void add(ByteBuf frame) {
        parts.add(frame);
        if (!Packets.continues(frame)) {
            judge();
        }
    }

    boolean collecting() {
        return !parts.isEmpty() && !judging;
    }

    boolean judging() {
        return judging;
    }

    private void judge() {
        judging = true;
        s.clientPaused = true;
        GateRequest request = new GateRequest(Dialect.MYSQL, relay.principal(), sql(), origin,
                relay.inTransaction(), s.label);
        CompletionStage<GateVerdict> verdict;
        try {
            verdict = gate.judge(request);
        } catch (RuntimeException e) {
            verdict = CompletableFuture.failedFuture(e);
        }
        verdict.whenComplete((v, err) -> s.client.eventLoop().execute(() -> decided(v, err)));
    }

    private String sql() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            ByteBuf payload = Packets.payload(parts.get(i));
            int skip = i == 0 ? 1 : 0;
            text.append(payload.toString(payload.readerIndex() + skip, payload.readableBytes() - skip, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private void decided(GateVerdict verdict, Throwable error) {
        judging = false;
        if (s.phase == RelaySession.Phase.CLOSED) {
            release();
            return;
        }
        int lastSeq = Packets.sequenceId(parts.get(parts.size() - 1));
        if (error != null) {
            log.warn("{}: the statement gate failed, refusing the statement: {}", s.label, error.getMessage(), error);
            verdict = new GateVerdict.Refuse("58000", ErrPacket.ER_UNKNOWN_ERROR, "the statement gate failed ("
                    + error.getMessage() + "); the statement was not run, retry or contact the gateway's operator",
                    null, null);
        }
        if (verdict instanceof GateVerdict.Refuse r) {
            release();
            // The verdict's sqlState is PostgreSQL's; a MySQL client gets the state MySQL pairs with the error number.
            relay.answeredByGateway((lastSeq + 1) & 0xFF,
                    new ErrPacket(r.mysqlError(), ErrPacket.sqlStateFor(r.mysqlError()), message(r)));
        } else if (verdict instanceof GateVerdict.Forward f) {
            for (String notice : f.notices()) {
                log.info("{}: {}", s.label, notice);
            }
            boolean waits = f.listener() != null && f.listener().planWait() != null;
            if (origin == GateRequest.Origin.MYSQL_COM_QUERY && (!f.notices().isEmpty() || waits)) {
                // The client hears the notice as a warning, and waits for its plan when it must.
                relay.stagedReply(f.listener(), f.notices());
            } else if (f.listener() != null) {
                // COM_STMT_PREPARE runs nothing yet: a notice about it stays in the log.
                relay.expectOutcome(f.listener());
            }
            List<ByteBuf> out;
            if (f.sql() == null) {
                out = new ArrayList<>(parts);
                parts.clear();
            } else {
                int command = Packets.firstByte(parts.get(0));
                release();
                out = encode(command, f.sql());
            }
            if (f.guard() != null && origin == GateRequest.Origin.MYSQL_COM_QUERY) {
                relay.forwardGuarded(out, f.guard());
            } else {
                out.forEach(relay::forward);
            }
        }
        s.server.flush();
        s.client.flush();
        relay.drainHeld();
        if (!relay.holdingClient()) {
            s.resumeClient();
        }
    }

    private static String message(GateVerdict.Refuse r) {
        StringBuilder m = new StringBuilder(r.message());
        if (r.detail() != null) {
            m.append(" (").append(r.detail()).append(')');
        }
        if (r.hint() != null) {
            m.append(" Instead: ").append(r.hint());
        }
        return m.toString();
    }

    /** Splits command byte and text into packets of at most 16 MiB - 1, ending with a short one. */
    private List<ByteBuf> encode(int command, String sql) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        ByteBuf payload = s.server.alloc().buffer(1 + text.length).writeByte(command).writeBytes(text);
        List<ByteBuf> out = new ArrayList<>();
        int seq = 0;
        do {
            int n = Math.min(Packets.MAX_PAYLOAD, payload.readableBytes());
            ByteBuf frame = s.server.alloc().buffer(Packets.HEADER_SIZE + n).writeMediumLE(n).writeByte(seq++);
            frame.writeBytes(payload, n);
            out.add(frame);
            if (n < Packets.MAX_PAYLOAD) {
                break;
            }
        } while (true);
        payload.release();
        return out;
    }

    void release() {
        parts.forEach(ByteBuf::release);
        parts.clear();
    }
}
