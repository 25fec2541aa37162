package io.schemagate.gateway.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/** Decodes an HTTP request, runs the route off the event loop, writes the answer back. */
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(AdminHttpHandler.class);

    private final AdminApi api;
    private final Executor worker;

    AdminHttpHandler(AdminApi api, Executor worker) {
        this.api = api;
        this.worker = worker;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        QueryStringDecoder qs = new QueryStringDecoder(msg.uri());
        AdminRequest req = new AdminRequest(msg.method().name(), qs.path(), qs.parameters(),
                msg.headers().get(HttpHeaderNames.AUTHORIZATION), msg.content().toString(StandardCharsets.UTF_8),
                String.valueOf(ctx.channel().remoteAddress()));
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        worker.execute(() -> {
            AdminResponse res;
            try {
                res = api.handle(req);
            } catch (RuntimeException e) {
                log.error("admin API {} {} failed: {}", req.method(), req.path(), e.getMessage(), e);
                res = AdminResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e.getMessage());
            }
            AdminResponse answer = res;
            ctx.executor().execute(() -> write(ctx, answer, keepAlive));
        });
    }

    private static void write(ChannelHandlerContext ctx, AdminResponse res, boolean keepAlive) {
        FullHttpResponse out = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1, res.status(),
                Unpooled.wrappedBuffer(res.body()));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, res.contentType());
        out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.body().length);
        if (res.status() == HttpResponseStatus.UNAUTHORIZED) {
            out.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"schemagate\"");
        }
        if (keepAlive) {
            HttpUtil.setKeepAlive(out, true);
            ctx.writeAndFlush(out);
        } else {
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("admin connection from {} closed: {}", ctx.channel().remoteAddress(), cause.getMessage());
        ctx.close();
    }
}
