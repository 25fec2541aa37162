package io.schemagate.gateway.mysql;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.schemagate.config.HostPort;
import io.schemagate.config.ListenerConfig;
import io.schemagate.gateway.metrics.ConnectionMetrics;
import io.schemagate.gateway.server.Listener;
import io.schemagate.gateway.server.ReloadingSslContext;
import io.schemagate.gateway.server.Transports;
import io.schemagate.mysql.relay.ConnectionObserver;
import io.schemagate.mysql.relay.FrontendHandler;
import io.schemagate.mysql.relay.MySqlRelayConfig;
import io.schemagate.policy.gate.StatementGate;

import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;

/** The MySQL listener: accepts clients and relays each to its own server connection. */
public final class MySqlListener implements Listener {

    private final ListenerConfig config;
    private final StatementGate gate;
    private final BooleanSupplier allowLocalInfile;
    private final ConnectionMetrics metrics;
    private final ChannelGroup channels = new DefaultChannelGroup("mysql", GlobalEventExecutor.INSTANCE);
    private Channel serverChannel;

    public MySqlListener(ListenerConfig config) {
        this(config, StatementGate.PASS_THROUGH, true);
    }

    /**
     * @param gate             judges COM_QUERY / COM_STMT_PREPARE text
     * @param allowLocalInfile relay LOAD DATA LOCAL INFILE (false: the client gets an ERR naming the policy)
     */
    public MySqlListener(ListenerConfig config, StatementGate gate, boolean allowLocalInfile) {
        this(config, gate, () -> allowLocalInfile, null);
    }

    /**
     * @param allowLocalInfile asked at each LOAD DATA LOCAL INFILE request (the current policy's
     *                         {@code mysql.local_infile})
     * @param metrics          counts connections and bytes, or null
     */
    public MySqlListener(ListenerConfig config, StatementGate gate, BooleanSupplier allowLocalInfile, ConnectionMetrics metrics) {
        this.config = config;
        this.gate = gate;
        this.allowLocalInfile = allowLocalInfile;
        this.metrics = metrics;
    }

    /** The certificate offered to clients, reloaded when its files change; null without TLS. */
    private ReloadingSslContext clientTls;

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public InetSocketAddress start(EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        HostPort listen = config.listenAddress();
        HostPort upstream = config.upstreamAddress();
        MySqlTls tls = MySqlTls.of(config, upstream);
        clientTls = ReloadingSslContext.of("mysql", config.tls(), () -> MySqlTls.clientContext(config.tls()));
        MySqlRelayConfig relay = new MySqlRelayConfig(upstream.host(), upstream.port(), config.maxMessageBytes(),
                clientTls, tls.upstream(), tls.upstreamHost(), allowLocalInfile, Transports.clientChannel(), gate,
                metrics == null ? ConnectionObserver.NONE : metrics);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transports.serverChannel())
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, Transports.readSizes())
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        channels.add(ch);
                        if (metrics != null) {
                            metrics.accepted(ch);
                        }
                        ch.pipeline().addLast("mysql-relay", new FrontendHandler(relay));
                    }
                });
        serverChannel = b.bind(listen.host(), listen.port()).sync().channel();
        return (InetSocketAddress) serverChannel.localAddress();
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
