package io.schemagate.pg.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.schemagate.pg.frame.FrameInspector;
import io.schemagate.pg.frame.PgFrame;
import io.schemagate.pg.frame.PgFrameDecoder;
import io.schemagate.pg.message.backend.AuthenticationSASL;
import io.schemagate.pg.message.backend.BackendKeyData;
import io.schemagate.pg.message.backend.ErrorResponse;
import io.schemagate.pg.message.backend.CommandComplete;
import io.schemagate.pg.message.backend.ParseComplete;
import io.schemagate.pg.message.backend.ReadyForQuery;
import io.schemagate.pg.message.backend.TransactionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * The server side of one relayed connection: forwards everything the server says to the client,
 * reading only Authentication (to drop SCRAM-SHA-256-PLUS), BackendKeyData (for cancel requests),
 * ReadyForQuery (the session's transaction status) and, with a statement gate, ErrorResponse (to put
 * the gate's error in place of a refused statement's stand-in), CommandComplete and ParseComplete (to
 * show a statement run inside a DO block with its own command tag) on the way.
 */
final class PgBackendHandler extends ChannelInboundHandlerAdapter implements FrameInspector {

    private static final Logger log = LoggerFactory.getLogger(PgBackendHandler.class);

    private final PgFrontendHandler frontend;
    private final PgRelay relay;
    private final PgSession session;
    private final InetSocketAddress server;
    private final GatedStatements gated;
    /** Messages of the gateway's own waiting for the server's stream to reach a message boundary. */
    private final ArrayDeque<ByteBuf> injected = new ArrayDeque<>();
    private PgFrameDecoder frames;
    /** Whether this read wrote something to the client that is not flushed yet. */
    private boolean wrote;
    private ChannelHandlerContext ctx;

    PgBackendHandler(PgFrontendHandler frontend, PgRelay relay, PgSession session, InetSocketAddress server,
                     GatedStatements gated) {
        this.frontend = frontend;
        this.relay = relay;
        this.session = session;
        this.server = server;
        this.gated = gated;
    }

    /** Writes a message of the gateway's own to the client now, or after the server message being relayed. */
    void inject(ByteBuf msg) {
        if (!frontend.inbound().isActive()) {
            msg.release();
        } else if (midMessage()) {
            injected.add(msg);
        } else {
            frontend.inbound().writeAndFlush(msg).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    void frames(PgFrameDecoder decoder) {
        this.frames = decoder;
    }

    /** Whether a server message is half relayed to the client. */
    boolean midMessage() {
        return frames != null && frames.midRelay();
    }

    /**
     * The hot path, run by the server's frame decoder on each whole opened message where it lies:
     * ReadyForQuery, ParseComplete and CommandComplete are read on the way and stay in the run of
     * relayed bytes (or are left out, when they answer the gateway's own hidden statements). The
     * rest, and a CommandComplete whose tag matters, are rare and handed over to {@link #open}.
     */
    @Override
    public int inspect(byte type, ByteBuf buf, int index, int length) {
        // With the client gone (its channelInactive may not have run yet) channelRead drops every
        // message unread, ErrorResponse included: this one must not be counted either.
        if (type == ReadyForQuery.TYPE && length == 5 && session.ready() && frontend.inbound().isActive()) {
            TransactionStatus status = TransactionStatus.of(buf.getByte(index + 5));
            session.readyForQuery(status);
            if (gated != null && gated.outcomes().readyForQueryHidden(status)) {
                return DROP;
            }
            // One that ends a statement whose client waits for its staged plan is kept back by open().
            return gated != null && gated.waits().pending() ? OPEN : RELAY;
        }
        if (type == CommandComplete.TYPE) {
            if (gated == null) {
                return RELAY;
            }
            if (gated.outcomes().wantsTags()) {
                // The tag is read, and may be replaced: rare, so done in open().
                return OPEN;
            }
            return gated.outcomes().hideCommandComplete() ? DROP : RELAY;
        }
        if (type == ParseComplete.TYPE && gated != null) {
            gated.outcomes().parseComplete();
            return RELAY;
        }
        return OPEN;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel inbound = frontend.inbound();
        if (!inbound.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (gated != null && gated.waits().queue(msg)) {
            return;
        }
        ByteBuf out = msg instanceof PgFrame f ? open(ctx, f) : (ByteBuf) msg;
        if (out != null) {
            inbound.write(out, inbound.voidPromise());
            wrote = true;
        }
    }

    private ByteBuf open(ChannelHandlerContext ctx, PgFrame f) {
        ByteBuf frame = f.content();
        switch (f.type()) {
            case ReadyForQuery.TYPE -> {
                if (session.ready() && frame.readableBytes() == 6) {
                    // Already counted where it lay (inspect), which hands one over only so that it
                    // can be kept back while its client waits for a staged plan.
                    return gated != null && gated.waits().holdReadyForQuery(frame) ? null : frame;
                }
                TransactionStatus status = ReadyForQuery.decode(frame).status();
                if (!session.ready()) {
                    relay.settings().observer().established(frontend.inbound());
                }
                session.readyForQuery(status);
                if (gated != null && gated.outcomes().readyForQueryHidden(status)) {
                    f.release();
                    return null;
                }
            }
            case CommandComplete.TYPE -> {
                if (gated != null && gated.outcomes().hideCommandComplete()) {
                    f.release();
                    return null;
                }
                if (gated != null && gated.outcomes().wantsTags()) {
                    String tag = CommandComplete.tag(frame);
                    String shown = gated.outcomes().replacementTag(tag);
                    gated.outcomes().commandComplete(shown == null ? tag : shown);
                    if (shown != null) {
                        f.release();
                        return CommandComplete.encode(ctx.alloc(), shown);
                    }
                }
            }
            case ParseComplete.TYPE -> {
                if (gated != null) {
                    gated.outcomes().parseComplete();
                }
            }
            case BackendKeyData.TYPE -> {
                BackendKeyData key = BackendKeyData.decode(frame);
                session.backendKey(key);
                relay.cancels().register(key, server);
            }
            case ErrorResponse.TYPE -> {
                ErrorResponse error = gated == null ? null : ErrorResponse.decode(frame);
                if (gated != null && gated.outcomes().errorHidden(error.sqlState())) {
                    gated.lockTimeoutHidden();
                    f.release();
                    return null;
                }
                ErrorResponse replacement = gated == null ? null : gated.replaceServerError(error);
                if (replacement != null) {
                    f.release();
                    return replacement.encode(ctx.alloc());
                }
            }
            case AuthenticationSASL.TYPE -> {
                if (AuthenticationSASL.is(frame)) {
                    AuthenticationSASL offered = AuthenticationSASL.decode(frame);
                    AuthenticationSASL relayed = offered.withoutChannelBinding();
                    if (!relayed.equals(offered)) {
                        f.release();
                        return relayed.encode(ctx.alloc());
                    }
                }
            }
            default -> {
                // Opened by mistake: relay unchanged.
            }
        }
        return frame;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Channel inbound = frontend.inbound();
        while (!injected.isEmpty() && !midMessage() && inbound.isActive()) {
            inbound.write(injected.poll(), inbound.voidPromise());
            wrote = true;
        }
        if (wrote) {
            wrote = false;
            inbound.flush();
        }
        if (gated != null && gated.waits().active()) {
            // A client waits for its staged plan: the server is read again when the wait ends.
            return;
        }
        // Otherwise the client becoming writable again asks for the next read.
        if (inbound.isWritable()) {
            ctx.read();
        }
    }

    /** The server's outbound buffer drained: the client may be read again. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            frontend.serverWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** A client's wait for its staged plan ended: relays what the server sent meanwhile, then reads on. */
    void resumeAfterWait(ArrayDeque<Object> queued) {
        while (!queued.isEmpty() && !gated.waits().active()) {
            channelRead(ctx, queued.poll());
        }
        channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        while (!injected.isEmpty()) {
            injected.poll().release();
        }
        frontend.serverClosed("the server at " + Closing.hostPort(server) + " closed the connection");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable t = Closing.unwrap(cause);
        if (!(t instanceof IOException)) {
            log.warn("[{}] server connection error: {}", frontend.id(), Closing.reason(t), t);
        }
        frontend.closeBoth("server connection to " + Closing.hostPort(server) + " failed: " + Closing.reason(t));
    }
}
