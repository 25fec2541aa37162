package io.schemagate.gateway.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;

import java.util.concurrent.atomic.LongAdder;

/**
 * Connection and byte counts of one protocol listener. One shared instance sits first in every
 * client pipeline of the listener: it counts each accepted connection, and the bytes of each
 * message read from or written to the client as they pass (no allocation per message; TLS, where
 * used, is terminated before this point, so these are protocol bytes). A connection that closes
 * before the relay reports it established (authentication over) is counted as refused.
 */
@ChannelHandler.Sharable
public final class ConnectionMetrics extends ChannelDuplexHandler
        implements io.schemagate.pg.relay.ConnectionObserver, io.schemagate.mysql.relay.ConnectionObserver {

    private static final AttributeKey<Boolean> ESTABLISHED = AttributeKey.valueOf("schemagate.established");

    private final LongAdder open = new LongAdder();
    private final LongAdder total = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder fromClients = new LongAdder();
    private final LongAdder toClients = new LongAdder();

    /** Registers the meters for {@code protocol} ({@code postgres} or {@code mysql}). */
    public ConnectionMetrics(MeterRegistry registry, String protocol) {
        Gauge.builder("schemagate.connections.open", open, LongAdder::sum)
                .description("Client connections open now").tag("protocol", protocol).register(registry);
        FunctionCounter.builder("schemagate.connections", total, LongAdder::sum)
                .description("Client connections accepted").tag("protocol", protocol).register(registry);
        FunctionCounter.builder("schemagate.connections.refused", refused, LongAdder::sum)
                .description("Client connections that ended before their session was established "
                        + "(startup, TLS or authentication failed, or the server was unreachable)")
                .tag("protocol", protocol).register(registry);
        FunctionCounter.builder("schemagate.relayed", fromClients, LongAdder::sum).baseUnit("bytes")
                .description("Bytes read from clients (client_to_server) and written to them (server_to_client)")
                .tag("protocol", protocol).tag("direction", "client_to_server").register(registry);
        FunctionCounter.builder("schemagate.relayed", toClients, LongAdder::sum).baseUnit("bytes")
                .description("Bytes read from clients (client_to_server) and written to them (server_to_client)")
                .tag("protocol", protocol).tag("direction", "server_to_client").register(registry);
    }

    /** Call from the listener's channel initializer, before the relay's handlers are added. */
    public void accepted(Channel client) {
        total.increment();
        open.increment();
        client.pipeline().addLast("connection-metrics", this);
        client.closeFuture().addListener(f -> {
            open.decrement();
            if (!client.hasAttr(ESTABLISHED)) {
                refused.increment();
            }
        });
    }

    @Override
    public void established(Channel client) {
        client.attr(ESTABLISHED).set(Boolean.TRUE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        fromClients.add(size(msg));
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        toClients.add(size(msg));
        ctx.write(msg, promise);
    }

    private static int size(Object msg) {
        if (msg instanceof ByteBuf b) {
            return b.readableBytes();
        }
        if (msg instanceof ByteBufHolder h) {
            return h.content().readableBytes();
        }
        return 0;
    }
}
