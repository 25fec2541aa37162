package io.schemagate.pg.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.schemagate.pg.frame.FrameRule;
import io.schemagate.pg.frame.PgFrame;
import io.schemagate.pg.frame.PgFrameDecoder;
import io.schemagate.pg.frame.PgProtocolException;
import io.schemagate.pg.frame.StartupPacket;
import io.schemagate.pg.frame.StartupPacketDecoder;
import io.schemagate.pg.message.MalformedMessageException;
import io.schemagate.pg.message.backend.ErrorResponse;
import io.schemagate.pg.message.frontend.CancelRequest;
import io.schemagate.pg.message.frontend.GSSENCRequest;
import io.schemagate.pg.message.frontend.SSLRequest;
import io.schemagate.pg.message.backend.NoticeResponse;
import io.schemagate.pg.message.frontend.StartupMessage;
import io.schemagate.policy.gate.StatementGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The client side of one relayed connection. Answers the startup-phase requests the gateway owns
 * (SSLRequest, GSSENCRequest, CancelRequest), then opens the server connection on this channel's own
 * event loop and relays. Both channels run with autoRead off: after relaying a read, the next read on
 * one side is asked for only while the other side's outbound buffer is under its high-water mark,
 * and otherwise when that side becomes writable again, so a slow reader slows its peer instead of
 * filling the gateway's memory. Relayed writes carry no promise of their own: a failed write reaches
 * the written channel's handler as an exception, which closes both sides.
 */
final class PgFrontendHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PgFrontendHandler.class);
    /** How long a refused client may go on sending before its connection is closed. */
    private static final long DRAIN_MILLIS = 2000;
    /** Without a gate the relay reads no client message after startup. */
    private static final String OPENED = "";
    /** The server messages the relay opens: Authentication, BackendKeyData, ReadyForQuery. */
    private static final String SERVER_OPENED = "RKZ";
    /**
     * With a gate, ErrorResponse too (a refused statement's stand-in error is swapped for the gate's),
     * CommandComplete and ParseComplete (a statement run inside a DO block shows its own command tag).
     */
    private static final String SERVER_OPENED_GATED = "RKZEC1";
    /** With a gate, Sync too: each Query and Sync ends in one ReadyForQuery, which tells a statement's outcome. */
    private static final String OPENED_GATED = "QPS";

    private final PgRelay relay;
    private final StartupPacketDecoder startupDecoder;
    /** Client messages that arrived while the server connection was being set up. */
    private final ArrayDeque<Object> early = new ArrayDeque<>();
    // Both channels share one event loop, so these fields need no synchronisation.
    private Channel inbound;
    private Channel outbound;
    private PgBackendHandler backend;
    private PgSession session;
    private PgFrameDecoder clientFrames;
    private StatementRelay statements;
    private boolean relaying;
    private boolean closing;
    /** Whether this read wrote something to the server that is not flushed yet. */
    private boolean wroteToServer;
    private ScheduledFuture<?> startupDeadline;

    PgFrontendHandler(PgRelay relay, StartupPacketDecoder startupDecoder) {
        this.relay = relay;
        this.startupDecoder = startupDecoder;
    }

    String id() {
        return inbound.id().asShortText();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        inbound = ctx.channel();
        long timeout = relay.settings().startupTimeout().toMillis();
        startupDeadline = ctx.executor().schedule(() -> {
            if (session == null) {
                refuse(ErrorResponse.fatal(ErrorResponse.PROTOCOL_VIOLATION,
                        "no startup message within " + timeout + " ms of connecting", null),
                        "no startup message within " + timeout + " ms");
            }
        }, timeout, TimeUnit.MILLISECONDS);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof StartupPacket p) {
            try {
                onStartupPacket(ctx, p);
            } finally {
                p.release();
            }
        } else if (closing) {
            ReferenceCountUtil.release(msg);
        } else if (!relaying) {
            early.add(msg);
        } else {
            relayToServer(msg);
        }
    }

    /** A message the gate held while judging an earlier statement, now let through in order. */
    void relayHeld(Object msg) {
        relayToServer(msg);
    }

    private void relayToServer(Object msg) {
        if (statements.holding()) {
            statements.onOther(msg);
        } else if (msg instanceof PgFrame f) {
            statements.onStatement(f);
        } else {
            forward(msg);
        }
    }

    /** Writes a client message (opaque bytes or a whole frame) to the server; flushed at the end of the read. */
    void forward(Object msg) {
        if (!outbound.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        outbound.write(msg instanceof PgFrame f ? f.content() : msg, outbound.voidPromise());
        wroteToServer = true;
    }

    /** Tells the client something between two server messages (NoticeResponse may come at any time). */
    void noticeToClient(NoticeResponse notice) {
        backend.inject(notice.encode(inbound.alloc()));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (relaying && !closing) {
            flushAndReadNext();
        }
    }

    /** Flushes what this read wrote and asks for the next read, unless the server side is backed up. */
    void flushAndReadNext() {
        if (wroteToServer) {
            wroteToServer = false;
            outbound.flush();
        }
        if (!statements.holding() && outbound.isWritable()) {
            inbound.read();
        }
    }

    /** The server connection's outbound buffer drained below its low-water mark: read from the client again. */
    void serverWritable() {
        if (relaying && !closing && !statements.holding()) {
            inbound.read();
        }
    }

    /** The client's outbound buffer drained below its low-water mark: read from the server again. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // While the client waits for its staged plan the server is not read; the wait's end reads on.
        boolean waiting = statements instanceof GatedStatements g && g.waits().active();
        if (relaying && !closing && inbound.isWritable() && !waiting) {
            outbound.read();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void onStartupPacket(ChannelHandlerContext ctx, StartupPacket p) {
        switch (p.code()) {
            case SSLRequest.CODE -> onSslRequest(ctx);
            case GSSENCRequest.CODE -> {
                // No Kerberos credentials here: decline, and the client goes on with SSLRequest or startup.
                ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(SSLRequest.DECLINE));
                ctx.read();
            }
            case CancelRequest.CODE -> {
                relay.settings().observer().established(inbound);
                relay.cancels().forward(CancelRequest.decode(p.afterCode()), inbound.eventLoop(), id());
                // The server never answers a cancel request; it closes the connection, and so do we.
                closing = true;
                ctx.close();
            }
            default -> {
                int major = p.code() >>> 16;
                if (major != 3) {
                    throw new PgProtocolException("unsupported frontend protocol " + major + "." + (p.code() & 0xFFFF)
                            + ": the gateway relays protocol 3");
                }
                onStartupMessage(ctx, p);
            }
        }
    }

    private void onSslRequest(ChannelHandlerContext ctx) {
        boolean alreadyTls = ctx.pipeline().get(SslHandler.class) != null;
        if (relay.settings().clientTls() == null || alreadyTls) {
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(SSLRequest.DECLINE));
            ctx.read();
            return;
        }
        if (startupDecoder.bufferedBytes() > 0) {
            // Plain-text bytes sent before the handshake could come from a man in the middle
            // (CVE-2021-23214), so they are never read as part of the encrypted session.
            throw new PgProtocolException("received unencrypted data after SSLRequest");
        }
        ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(SSLRequest.ACCEPT));
        // The 'S' is already in the outbound buffer; everything after it goes through TLS.
        SslHandler ssl = relay.settings().clientTls().newHandler(ctx.alloc());
        ssl.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                closeBoth("TLS handshake with the client failed: " + Closing.reason(f.cause()));
            }
        });
        ctx.pipeline().addFirst("tls", ssl);
        ctx.read();
    }

    private void onStartupMessage(ChannelHandlerContext ctx, StartupPacket p) {
        StartupMessage startup = StartupMessage.decode(p.body());
        if (startup.parameter("user") == null) {
            throw new PgProtocolException("no PostgreSQL user name specified in startup packet");
        }
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        startupDeadline.cancel(false);
        session = new PgSession(id(), clientIp(), startup, tls != null, tls == null ? null : peerSubject(tls));
        relay.sessions().add(session);
        statements = relay.settings().gate() == StatementGate.PASS_THROUGH
                ? new ForwardingStatements(this) : new GatedStatements(this, relay.settings().gate(), session);
        // From here on the client speaks typed messages; bytes already buffered move to the new decoder.
        clientFrames = statements instanceof GatedStatements g
                ? new PgFrameDecoder(FrameRule.frontend(relay.settings().maxMessageBytes(), OPENED_GATED), g)
                : new PgFrameDecoder(FrameRule.frontend(relay.settings().maxMessageBytes(), OPENED));
        ctx.pipeline().replace(startupDecoder, "frames", clientFrames);
        connect(p.content().retainedDuplicate());
    }

    private void connect(ByteBuf startupBytes) {
        PgRelaySettings s = relay.settings();
        GatedStatements gated = statements instanceof GatedStatements g ? g : null;
        backend = new PgBackendHandler(this, relay, session, s.upstream(), gated);
        PgFrameDecoder serverFrames = new PgFrameDecoder(FrameRule.backend(gated == null ? SERVER_OPENED : SERVER_OPENED_GATED), backend);
        backend.frames(serverFrames);
        Promise<Void> ready = inbound.eventLoop().newPromise();
        outbound = ServerDialer.dial(inbound, s, serverFrames, backend, ready);
        ready.addListener(f -> {
            if (f.isSuccess()) {
                sendStartup(startupBytes);
                return;
            }
            startupBytes.release();
            String hint = f.cause() instanceof ServerDialer.Unreachable u ? u.hint() : null;
            refuse(ErrorResponse.fatal(ErrorResponse.CONNECTION_FAILURE, Closing.reason(f.cause()), hint),
                    Closing.reason(f.cause()));
        });
    }

    private void sendStartup(ByteBuf startupBytes) {
        if (closing) {
            startupBytes.release();
            return;
        }
        outbound.writeAndFlush(startupBytes).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                closeBoth("sending the startup message to the server failed: " + Closing.reason(f.cause()));
                return;
            }
            relaying = true;
            while (!early.isEmpty() && !closing) {
                relayToServer(early.poll());
            }
            flushAndReadNext();
            outbound.read();
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!closing) {
            if (clientFrames != null && clientFrames.endedMidMessage()) {
                log.info("[{}] client {} disconnected in the middle of a message; closing its server connection",
                        id(), Closing.hostPort(inbound.remoteAddress()));
            } else {
                log.debug("[{}] client closed the connection", id());
            }
        }
        closing = true;
        release();
        Closing.closeOnFlush(outbound);
    }

    /** The server connection ended: flush what the server said last to the client, then close. */
    void serverClosed(String reason) {
        if (closing) {
            // The client side is already being closed: at once, or after draining a refused client
            // (closing it now would reset the connection before the client has read the error).
            return;
        }
        // Normal after the client's Terminate; otherwise a shutdown, a crash or pg_terminate_backend.
        log.info("[{}] {}; closing client {}", id(), reason, Closing.hostPort(inbound.remoteAddress()));
        closing = true;
        Closing.closeOnFlush(inbound);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable t = Closing.unwrap(cause);
        if (t instanceof PgProtocolException || t instanceof MalformedMessageException) {
            refuse(ErrorResponse.fatal(ErrorResponse.PROTOCOL_VIOLATION, t.getMessage(), null),
                    "protocol violation by the client: " + t.getMessage());
        } else if (t instanceof IOException || t instanceof SSLException) {
            closeBoth("client connection failed: " + Closing.reason(t));
        } else {
            log.warn("[{}] closing the connection after an unexpected error: {}", inboundId(), Closing.reason(t), t);
            closeBoth("unexpected error: " + Closing.reason(t));
        }
    }

    /**
     * Tells the client why in a FATAL ErrorResponse, then closes both sides. The error is left out
     * when a server message is half relayed, since it would land inside that message.
     */
    void refuse(ErrorResponse error, String reason) {
        if (closing) {
            return;
        }
        log.info("[{}] closing client {}: {}", inboundId(), Closing.hostPort(inbound.remoteAddress()), reason);
        closing = true;
        if (inbound.isActive() && (backend == null || !backend.midMessage())) {
            inbound.writeAndFlush(error.encode(inbound.alloc())).addListener(f -> drainThenClose());
        } else {
            inbound.close();
        }
        Closing.closeOnFlush(outbound);
    }

    /**
     * After a refusal: half-close, then read and drop what the client is still sending for a moment
     * before closing. Closing with unread bytes makes the kernel answer with a reset, and a client
     * still writing a large message would see the reset instead of the error that explains it.
     */
    private void drainThenClose() {
        if (!inbound.isActive()) {
            return;
        }
        if (inbound instanceof io.netty.channel.socket.DuplexChannel d) {
            d.shutdownOutput();
        }
        inbound.config().setAutoRead(true);
        inbound.eventLoop().schedule(() -> {
            inbound.close();
        }, DRAIN_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void closeBoth(String reason) {
        if (closing) {
            return;
        }
        log.info("[{}] closing client {}: {}", inboundId(), Closing.hostPort(inbound.remoteAddress()), reason);
        closing = true;
        inbound.close();
        if (outbound != null) {
            outbound.close();
        }
    }

    /** The subject of the client's certificate when the listener asked for one (mutual TLS), else null. */
    private static String peerSubject(SslHandler tls) {
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x
                    ? x.getSubjectX500Principal().getName() : null;
        } catch (SSLPeerUnverifiedException e) {
            // No client certificate was asked for or given: the identity is the database user alone.
            return null;
        }
    }

    /** The client's IP address, as Principal.clientAddress wants it. */
    private String clientIp() {
        return inbound.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress()
                : String.valueOf(inbound.remoteAddress());
    }

    private String inboundId() {
        return inbound == null ? "?" : id();
    }

    private void release() {
        if (startupDeadline != null) {
            startupDeadline.cancel(false);
        }
        while (!early.isEmpty()) {
            ReferenceCountUtil.release(early.poll());
        }
        if (statements != null) {
            statements.discard();
        }
        if (session != null) {
            relay.sessions().remove(session);
            if (session.backendKey() != null) {
                relay.cancels().unregister(session.backendKey());
            }
        }
    }

    Channel inbound() {
        return inbound;
    }

    /** Whether client messages go to the server now (false while they wait in {@code early}). */
    boolean relaying() {
        return relaying;
    }

    PgBackendHandler backend() {
        return backend;
    }

    CancelRegistry cancels() {
        return relay.cancels();
    }

    InetSocketAddress upstream() {
        return relay.settings().upstream();
    }
}
