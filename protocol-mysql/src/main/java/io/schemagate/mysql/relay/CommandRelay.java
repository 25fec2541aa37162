package io.schemagate.mysql.relay;

import io.netty.buffer.ByteBuf;
import io.schemagate.mysql.frame.Packets;
import io.schemagate.mysql.packet.Command;
import io.schemagate.mysql.packet.ErrPacket;
import io.schemagate.mysql.packet.ServerStatus;
import io.schemagate.policy.Principal;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.gate.StatementListener;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The command phase: client packets go to the server and responses back as opaque frames, while a
 * {@link CommandTracker} follows where each response ends. COM_QUERY and COM_STMT_PREPARE pass through
 * the {@link StatementInterceptor}; LOAD DATA LOCAL INFILE requests are relayed or refused by policy.
 * Each read arrives as a run of whole frames, followed in place: the packets that only need following
 * stay in the run, which leaves as one write, and a packet the relay acts on is cut out of it as a
 * frame of its own.
 */
final class CommandRelay {

    private final RelaySession s;
    private final CommandTracker tracker;
    private final StatementInterceptor interceptor;
    private final LockGuardRelay guards;
    private StatementListener awaiting;
    /** The gateway is composing the answer to a statement (a notice as a warning, a wait for a plan). */
    private StagedReply staged;
    private boolean awaitingFirst;
    private boolean awaitingFailed;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private Principal principal;
    private long messageBytes;
    private int lastSeq;
    private boolean quit;
    /** Server packets of a response the client already got an answer for (a refused LOCAL INFILE). */
    private boolean swallowing;
    /**
     * The gateway's own answer to a command (a refusal) that waits for the answers to commands the
     * client pipelined before it; null when none waits. The client's later packets wait with it.
     */
    private ByteBuf answerDue;
    /**
     * A command that changes who or where the session is (COM_INIT_DB, a USE query, COM_CHANGE_USER)
     * and whose answer has not come yet; null when none. The principal changes only when the server
     * says OK (a failed USE leaves the session where it was), and the client's later commands wait
     * for that answer, so each is judged in the database the server runs it in.
     */
    private PrincipalChanges.Change principalChange;
    /**
     * The last response to start while {@link #principalChange} waits began with an OK; the change's
     * own response is the last one due, so its first packet decides (a trailing statement may end the
     * response in ERR).
     */
    private boolean principalChangeOk;
    /** The next server packet starts a response. */
    private boolean responseStarts = true;
    /** The server packet just tracked started a response. */
    private boolean startedResponse;
    /** The client's leg is TLS and the server's is not: a clear-text password must not go upstream. */
    private final boolean onlyClientLegSecure;
    /** The server asked for full caching_sha2_password authentication during COM_CHANGE_USER. */
    private boolean fullAuthRequested;

    CommandRelay(RelaySession s, Principal principal, boolean deprecateEof, int status, boolean onlyClientLegSecure) {
        this.s = s;
        this.onlyClientLegSecure = onlyClientLegSecure;
        this.principal = principal;
        this.tracker = new CommandTracker(deprecateEof, status);
        this.interceptor = new StatementInterceptor(s, this, s.config.gate());
        this.guards = new LockGuardRelay(s, tracker, this::guardDone);
    }

    /** A read's complete client packets, in order; this method owns {@code run}. */
    void onClientRun(ByteBuf run) {
        int from = run.readerIndex();
        int at = from;
        int end = run.writerIndex();
        try {
            while (at < end) {
                int length = Packets.frameLength(run, at);
                if (holdingClient() || !held.isEmpty()) {
                    // Pipelined packets behind a statement under judgment, a lock guard or a staged reply
                    // wait their turn.
                    forwardPart(run, from, at);
                    for (; at < end; at += Packets.frameLength(run, at)) {
                        held.add(run.retainedSlice(at, Packets.frameLength(run, at)));
                    }
                    from = end;
                    break;
                }
                CommandTracker.ClientPacket kind = trackClient(run, at);
                if (!staysInRun(run, at, kind)) {
                    forwardPart(run, from, at);
                    from = at + length;
                    route(run.retainedSlice(at, length), kind);
                }
                at += length;
            }
        } finally {
            // Also when a packet broke the protocol: what came before it was fine and goes on.
            if (from == run.readerIndex() && at == end && from < end) {
                s.toServer(run, true);
            } else {
                forwardPart(run, from, at);
                run.release();
            }
        }
    }

    private void forwardPart(ByteBuf run, int from, int to) {
        if (to > from) {
            s.toServer(run.retainedSlice(from, to - from), true);
        }
    }

    /**
     * True when {@link #route} would forward the packet unchanged and do nothing else: it may then
     * stay in its run. A statement the interceptor wants to see, COM_INIT_DB, COM_QUIT, a statement's
     * continuation and an authentication reply under watch take the frame path.
     */
    private boolean staysInRun(ByteBuf buf, int at, CommandTracker.ClientPacket kind) {
        return switch (kind) {
            case COMMAND -> switch (Command.of(Packets.firstByte(buf, at))) {
                case COM_QUIT, COM_INIT_DB -> false;
                case COM_QUERY, COM_STMT_PREPARE -> !(interceptor.enabled() && interceptor.mayNeedJudgement(buf, at));
                default -> true;
            };
            case CONTINUATION -> !interceptor.collecting();
            case AUTH_DATA -> !fullAuthRequested;
            case INFILE_DATA -> true;
        };
    }

    /** A held packet, once nothing holds the client any more. */
    private void handleClient(ByteBuf frame) {
        CommandTracker.ClientPacket kind;
        try {
            kind = trackClient(frame, frame.readerIndex());
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
        route(frame, kind);
    }

    /** Follows the client packet at index {@code at}: sequence ids, response shape, message size. */
    private CommandTracker.ClientPacket trackClient(ByteBuf buf, int at) {
        lastSeq = Packets.sequenceId(buf, at);
        CommandTracker.ClientPacket kind = tracker.onClientPacket(buf, at);
        int length = Packets.payloadLength(buf, at);
        // LOAD DATA LOCAL content is a stream of packets, not one message: only commands (with
        // their continuation packets) count against the maximum.
        messageBytes = switch (kind) {
            case COMMAND -> length;
            case CONTINUATION -> messageBytes + length;
            case INFILE_DATA, AUTH_DATA -> 0;
        };
        if (messageBytes > s.config.maxMessageBytes()) {
            throw new ProtocolViolation(ErrPacket.ER_NET_PACKET_TOO_LARGE, "client message of more than "
                    + messageBytes + " bytes is above the configured maximum of " + s.config.maxMessageBytes()
                    + " bytes (max_message_bytes of the mysql listener)");
        }
        if (kind == CommandTracker.ClientPacket.COMMAND && interceptor.enabled() && !tracker.untracked()) {
            PrincipalChanges.Change change = PrincipalChanges.of(buf, at);
            if (change != null) {
                // Its own response is the last one due. Later commands wait in the relay until it ends,
                // except behind COM_CHANGE_USER, whose authentication exchange needs the client's replies
                // (and past which no client pipelines).
                principalChange = change;
                principalChangeOk = false;
                if (change.holdsClient()) {
                    s.clientPaused = true;
                }
            }
        }
        return kind;
    }

    /** Acts on a tracked client packet; this method owns {@code frame}. */
    private void route(ByteBuf frame, CommandTracker.ClientPacket kind) {
        if (kind == CommandTracker.ClientPacket.COMMAND) {
            Command command = Command.of(Packets.firstByte(frame));
            switch (command) {
                case COM_QUIT -> quit = true;
                case COM_QUERY, COM_STMT_PREPARE -> {
                    if (interceptor.enabled() && interceptor.mayNeedJudgement(frame)) {
                        interceptor.begin(frame, command == Command.COM_QUERY
                                ? GateRequest.Origin.MYSQL_COM_QUERY : GateRequest.Origin.MYSQL_COM_STMT_PREPARE);
                        return;
                    }
                }
                default -> { }
            }
        } else if (kind == CommandTracker.ClientPacket.AUTH_DATA && fullAuthRequested) {
            fullAuthRequested = false;
            boolean keyRequest = Packets.payloadLength(frame) == 1 && Packets.firstByte(frame) == 0x02;
            if (!keyRequest) {
                // A client on TLS answers full auth with its password in clear text. During the
                // handshake the gateway RSA-encrypts it (AuthRelay); COM_CHANGE_USER is not re-encrypted,
                // so rather than send the password over the plain server leg, end the connection.
                frame.release();
                throw new ProtocolViolation(ErrPacket.ER_NOT_SUPPORTED_AUTH_MODE, "COM_CHANGE_USER to a "
                        + "caching_sha2_password account needs full authentication, and the gateway does not send a "
                        + "clear-text password over its unencrypted server connection; set upstream_tls to require "
                        + "or verify-full, or reconnect as that user instead of changing user");
            }
        } else if (kind == CommandTracker.ClientPacket.CONTINUATION && interceptor.collecting()) {
            interceptor.add(frame);
            return;
        }
        s.toServer(frame, true);
    }

    /**
     * A read's complete server packets, in order; this method owns {@code run}. While the gateway has
     * business with the responses (a refused LOCAL INFILE's response being dropped, a lock guard's
     * hidden statements, a staged reply, a gate listener waiting for an outcome) packets take the frame
     * path; a LOCAL INFILE request the policy refuses is cut out and answered.
     */
    void onServerRun(ByteBuf run) {
        int from = run.readerIndex();
        int at = from;
        int end = run.writerIndex();
        try {
            while (at < end) {
                int length = Packets.frameLength(run, at);
                if (swallowing || awaiting != null || staged != null || guards.watching() || answerDue != null
                        || principalChange != null) {
                    toClientPart(run, from, at);
                    from = at + length;
                    onServerFrame(run.retainedSlice(at, length));
                } else if (trackServer(run, at) == CommandTracker.ServerPacket.LOCAL_INFILE_REQUEST
                        && !s.config.allowLocalInfile().getAsBoolean()) {
                    toClientPart(run, from, at);
                    from = at + length;
                    refuseLocalInfile(run.retainedSlice(at, length));
                }
                at += length;
            }
        } finally {
            if (from == run.readerIndex() && at == end && from < end) {
                s.toClient(run, false);
            } else {
                toClientPart(run, from, at);
                run.release();
            }
        }
    }

    private void toClientPart(ByteBuf run, int from, int to) {
        if (to > from) {
            s.toClient(run.retainedSlice(from, to - from), false);
        }
    }

    /** Follows the server packet at index {@code at}. */
    private CommandTracker.ServerPacket trackServer(ByteBuf buf, int at) {
        lastSeq = Packets.sequenceId(buf, at);
        startedResponse = responseStarts;
        CommandTracker.ServerPacket event = tracker.onServerPacket(buf, at);
        responseStarts = event == CommandTracker.ServerPacket.END_OF_RESPONSE;
        if (onlyClientLegSecure && tracker.awaitingAuthReply() && Packets.payloadLength(buf, at) == 2
                && Packets.firstByte(buf, at) == 0x01 && buf.getByte(at + Packets.HEADER_SIZE + 1) == 0x04) {
            fullAuthRequested = true;
        }
        return event;
    }

    /** One server packet on the frame path; this method owns {@code frame}. */
    private void onServerFrame(ByteBuf frame) {
        CommandTracker.ServerPacket event;
        try {
            event = trackServer(frame, frame.readerIndex());
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
        // Both wait with the client's later commands held, so nothing is tracked after them: they are
        // due when the tracker has no response left, whoever handles this last packet (a lock guard
        // may swallow it).
        boolean lastEnded = event == CommandTracker.ServerPacket.END_OF_RESPONSE && tracker.responsesDue() == 0;
        boolean answerNext = answerDue != null && lastEnded;
        if (principalChange != null && startedResponse) {
            principalChangeOk = Packets.firstByte(frame) == ServerStatus.OK;
        }
        boolean principalKnown = principalChange != null && lastEnded;
        if (principalKnown) {
            PrincipalChanges.Change change = principalChange;
            principalChange = null;
            // A query's result tells in its first packet; an authentication exchange in its last.
            boolean ok = change.holdsClient() ? principalChangeOk : Packets.firstByte(frame) == ServerStatus.OK;
            if (ok) {
                principal = change.applyTo(principal);
            }
        }
        onTrackedServerFrame(frame, event);
        if (answerNext) {
            ByteBuf answer = answerDue;
            answerDue = null;
            s.toClient(answer, true);
        }
        if (answerNext || principalKnown) {
            drainHeld();
            s.server.flush();
            if (!holdingClient()) {
                s.resumeClient();
            }
        }
    }

    private void onTrackedServerFrame(ByteBuf frame, CommandTracker.ServerPacket event) {
        if (swallowing) {
            frame.release();
            swallowing = event != CommandTracker.ServerPacket.END_OF_RESPONSE;
            return;
        }
        if (guards.swallow(frame, event)) {
            return;
        }
        // What the guard lets through is the client's: the statement's answer may be the staged reply's.
        if (staged != null && staged.onServerFrame(frame, event)) {
            return;
        }
        if (awaiting != null) {
            noteOutcome(frame, event);
        }
        if (event == CommandTracker.ServerPacket.LOCAL_INFILE_REQUEST && !s.config.allowLocalInfile().getAsBoolean()) {
            refuseLocalInfile(frame);
            return;
        }
        s.toClient(frame, false);
    }

    /**
     * Answers the server's LOCAL INFILE request with an empty file (so the statement ends with no rows
     * loaded), drops the server's result, and tells the client why with an ERR in place of the request.
     */
    private void refuseLocalInfile(ByteBuf request) {
        int seq = Packets.sequenceId(request);
        request.release();
        ByteBuf empty = s.server.alloc().buffer(Packets.HEADER_SIZE).writeMediumLE(0).writeByte((seq + 1) & 0xFF);
        tracker.onClientPacket(empty);
        s.toServer(empty, false);
        swallowing = true;
        ErrPacket err = new ErrPacket(ErrPacket.ER_NOT_ALLOWED_COMMAND, "42000", "SchemaGate: LOAD DATA LOCAL INFILE "
                + "is disabled by the gateway's policy for this listener; load the file on the server side "
                + "(LOAD DATA INFILE) or ask the gateway's operator to allow local infile");
        s.toClient(Packets.frame(s.client.alloc(), seq, err.encode(s.client.alloc())), false);
    }

    /**
     * The statement just forwarded has a listener waiting for its outcome: the next response. Its
     * first packet tells success (OK or a result set) from failure (ERR, 0xFF). A schema change
     * commits implicitly in MySQL, so the listener is never left waiting for a transaction's end.
     */
    void expectOutcome(StatementListener listener) {
        awaiting = listener;
        awaitingFirst = true;
        awaitingFailed = false;
    }

    private void noteOutcome(ByteBuf frame, CommandTracker.ServerPacket event) {
        if (awaitingFirst) {
            awaitingFailed = (Packets.firstByte(frame) & 0xFF) == ErrPacket.HEADER;
            awaitingFirst = false;
        }
        if (event == CommandTracker.ServerPacket.END_OF_RESPONSE) {
            StatementListener l = awaiting;
            awaiting = null;
            l.completed(!awaitingFailed, false);
        }
    }

    /** The answer to the statement about to be forwarded is composed by a {@link StagedReply}. */
    void stagedReply(StatementListener listener, java.util.List<String> notices) {
        // Answers to commands the client sent before this one are still its own.
        staged = new StagedReply(s, this, tracker, listener, notices, tracker.responsesDue() - 1);
    }

    /** A staged reply reached the client: its later packets go on. */
    void stagedReplyDone() {
        staged = null;
        drainHeld();
        if (!holdingClient()) {
            s.resumeClient();
        }
    }

    /**
     * Client packets wait: a statement is being judged, run under a lock guard, or its answer composed
     * or waiting for its turn.
     */
    boolean holdingClient() {
        return interceptor.judging() || guards.holding() || staged != null || answerDue != null
                || principalChange != null && principalChange.holdsClient();
    }

    /** Frames decided by the interceptor go to the server. */
    void forward(ByteBuf frame) {
        s.toServer(frame, true);
    }

    /**
     * A statement's packets go to the server under a lock guard: hidden statements around it, retries
     * on lock-wait timeouts, the client's next commands held until it is over. Without a tracked
     * response stream (after an untracked command) they go as they are.
     */
    void forwardGuarded(List<ByteBuf> frames, GateVerdict.LockGuard guard) {
        if (tracker.untracked()) {
            frames.forEach(this::forward);
        } else {
            guards.start(frames, guard);
        }
    }

    /** A guarded statement's attempts are over: held commands go on and the client is read again. */
    private void guardDone() {
        if (s.phase == RelaySession.Phase.CLOSED) {
            return;
        }
        drainHeld();
        s.server.flush();
        if (!holdingClient()) {
            s.resumeClient();
        }
    }


    /**
     * The interceptor answered the client itself: no response will come for that command. The answer
     * goes after those to the commands the client sent before it (a pipelining client), which may
     * still be on their way from the server.
     */
    void answeredByGateway(int seq, ErrPacket err) {
        // The refused command is the last one tracked: later packets were held while it was judged.
        int before = tracker.responsesDue() - 1;
        if (principalChange != null && principalChange.holdsClient()) {
            // Nothing is judged behind a pending USE but the USE itself: refused, it changes nothing,
            // and no answer from the server will end it.
            principalChange = null;
        }
        tracker.abandonLastCommand();
        ByteBuf answer = Packets.frame(s.client.alloc(), seq, err.encode(s.client.alloc()));
        if (before <= 0) {
            s.toClient(answer, true);
        } else {
            answerDue = answer;
        }
    }

    /** Handles packets held back during a judgment, until the next judgment (or none) is under way. */
    void drainHeld() {
        while (!held.isEmpty() && !holdingClient()) {
            handleClient(held.poll());
        }
    }

    boolean inTransaction() {
        return tracker.inTransaction();
    }

    Principal principal() {
        return principal;
    }

    boolean quitSeen() {
        return quit;
    }

    boolean responseComplete() {
        return tracker.idle() && !holdingClient();
    }

    int nextServerSeq() {
        int held = staged == null ? -1 : staged.heldSequenceId();
        return held >= 0 ? held : (lastSeq + 1) & 0xFF;
    }

    int nextClientErrSeq() {
        return tracker.idle() ? 1 : (lastSeq + 1) & 0xFF;
    }

    void release() {
        if (awaiting != null) {
            StatementListener l = awaiting;
            awaiting = null;
            l.completed(false, false);
        }
        if (staged != null) {
            staged.release();
            staged = null;
        }
        if (answerDue != null) {
            answerDue.release();
            answerDue = null;
        }
        principalChange = null;
        interceptor.release();
        guards.release();
        ByteBuf b;
        while ((b = held.poll()) != null) {
            b.release();
        }
    }
}
