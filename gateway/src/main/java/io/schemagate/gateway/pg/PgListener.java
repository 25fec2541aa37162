package io.schemagate.gateway.pg;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.schemagate.config.HostPort;
import io.schemagate.config.ListenerConfig;
import io.schemagate.gateway.metrics.ConnectionMetrics;
import io.schemagate.gateway.server.Listener;
import io.schemagate.gateway.server.ReloadingSslContext;
import io.schemagate.gateway.server.Transports;
import io.schemagate.pg.relay.ConnectionObserver;
import io.schemagate.pg.relay.PgRelay;
import io.schemagate.pg.relay.PgRelaySettings;
import io.schemagate.pg.relay.PgSessions;
import io.schemagate.policy.gate.StatementGate;

import java.net.InetSocketAddress;
import java.util.Objects;

/** The PostgreSQL listener: accepts clients and relays each to its own server connection. */
public final class PgListener implements Listener {

    private final ListenerConfig config;
    private final StatementGate gate;
    private final ConnectionMetrics metrics;
    private final ChannelGroup channels = new DefaultChannelGroup("postgres", GlobalEventExecutor.INSTANCE);
    private PgRelay relay;
    private Channel serverChannel;

    public PgListener(ListenerConfig config) {
        this(config, StatementGate.PASS_THROUGH);
    }

    public PgListener(ListenerConfig config, StatementGate gate) {
        this(config, gate, null);
    }

    /** @param metrics counts connections and bytes, or null */
    public PgListener(ListenerConfig config, StatementGate gate, ConnectionMetrics metrics) {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.gate = Objects.requireNonNull(gate, "gate must not be null");
        this.metrics = metrics;
    }

    /** The certificate offered to clients, reloaded when its files change; null without TLS. */
    private ReloadingSslContext clientTls;

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public InetSocketAddress start(EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        HostPort listen = config.listenAddress();
        HostPort upstream = config.upstreamAddress();
        relay = new PgRelay(new PgRelaySettings(
                new InetSocketAddress(upstream.host(), upstream.port()),
                Transports.clientChannel(),
                config.maxMessageBytes(),
                clientTls = ReloadingSslContext.of("postgres", config.tls(), () -> PgTls.server(config.tls())),
                PgTls.upstream(config.upstreamTls(), upstream),
                gate,
                PgRelaySettings.DEFAULT_STARTUP_TIMEOUT,
                metrics == null ? ConnectionObserver.NONE : metrics));
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transports.serverChannel())
                // Reads are asked for by the relay, one at a time, when the peer has taken the last one.
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, Transports.readSizes())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        if (metrics != null) {
                            metrics.accepted(ch);
                        }
                        relay.configure(ch);
                    }
                });
        serverChannel = b.bind(listen.host(), listen.port()).sync().channel();
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The sessions relayed right now. */
    public PgSessions sessions() {
        if (relay == null) {
            throw new IllegalStateException("the postgres listener has not been started");
        }
        return relay.sessions();
    }

    @Override
    public void stopAccepting() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
    }

    @Override
    public int openConnections() {
        return channels.size();
    }

    @Override
    public void close() {
        if (clientTls != null) {
            clientTls.close();
        }
        stopAccepting();
        channels.close().awaitUninterruptibly();
    }
}
