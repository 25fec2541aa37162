package io.schemagate.pg.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;

/**
 * Reads the server's one-byte answer to the gateway's SSLRequest and, on 'S', puts TLS in its place.
 * Completes {@code ready} when the TLS handshake is done, or fails it with the reason.
 */
final class UpstreamSslAnswer extends ChannelInboundHandlerAdapter {

    private final TlsUpstream tls;
    private final Promise<Void> ready;

    UpstreamSslAnswer(TlsUpstream tls, Promise<Void> ready) {
        this.tls = tls;
        this.ready = ready;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            ByteBuf in = (ByteBuf) msg;
            if (!in.isReadable()) {
                ctx.read();
                return;
            }
            byte answer = in.readByte();
            if (answer != 'S') {
                ready.tryFailure(new IllegalStateException(answer == 'N'
                        ? "the server at " + Closing.hostPort(ctx.channel().remoteAddress()) + " does not accept TLS (it answered 'N' to"
                            + " SSLRequest); enable ssl on the server or set upstream_tls mode to disable"
                        : "the server at " + Closing.hostPort(ctx.channel().remoteAddress()) + " answered SSLRequest with byte 0x"
                            + Integer.toHexString(answer & 0xFF) + " instead of 'S' or 'N'"));
                return;
            }
            if (in.isReadable()) {
                // Bytes after 'S' and before the handshake could be injected by a man in the middle
                // (CVE-2021-23222), so they are refused rather than read as the server's.
                ready.tryFailure(new IllegalStateException("the server at " + Closing.hostPort(ctx.channel().remoteAddress())
                        + " sent unencrypted data after accepting TLS"));
                return;
            }
            SslHandler ssl = tls.context().newHandler(ctx.alloc(), tls.serverName(), tls.port());
            ssl.handshakeFuture().addListener(f -> {
                if (f.isSuccess()) {
                    ready.trySuccess(null);
                } else {
                    ready.tryFailure(new IllegalStateException("TLS handshake with the server at "
                            + Closing.hostPort(ctx.channel().remoteAddress()) + " failed: " + Closing.reason(f.cause()), f.cause()));
                }
            });
            ctx.pipeline().replace(this, "tls", ssl);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ready.tryFailure(new IllegalStateException("the server at " + Closing.hostPort(ctx.channel().remoteAddress())
                + " closed the connection before answering SSLRequest"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ready.tryFailure(cause);
    }
}
