package io.schemagate.gateway.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.schemagate.config.HostPort;
import io.schemagate.config.TlsConfig;
import io.schemagate.gateway.server.Listener;
import io.schemagate.gateway.server.ReloadingSslContext;
import io.schemagate.gateway.server.Transports;

import javax.net.ssl.SSLException;
import java.io.File;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The admin HTTP listener: health, metrics and the change-approval API. */
public final class AdminListener implements Listener {

    /** Bodies of admin calls are small JSON objects; anything larger is refused by the aggregator. */
    private static final int MAX_BODY = 64 * 1024;

    private final HostPort listen;
    private final AdminApi api;
    private final ReloadingSslContext tls;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "schemagate-admin-worker");
        t.setDaemon(true);
        return t;
    });
    private Channel channel;

    public AdminListener(HostPort listen, AdminApi api) {
        this(listen, api, null);
    }

    /**
     * @param tls HTTPS for the admin API, or null for plain HTTP (only sensible on a loopback address)
     */
    public AdminListener(HostPort listen, AdminApi api, TlsConfig tls) {
        this.listen = listen;
        this.api = api;
        this.tls = ReloadingSslContext.of("admin", tls, () -> sslContext(tls));
    }

    /** A server context; with a client CA every caller must present a certificate it signed (mutual TLS). */
    static SslContext sslContext(TlsConfig tls) {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(new File(tls.certFile()), new File(tls.keyFile()));
            if (tls.clientCaFile() != null) {
                b.trustManager(new File(tls.clientCaFile())).clientAuth(ClientAuth.REQUIRE);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("admin.tls: cannot use " + tls.certFile() + " / " + tls.keyFile()
                    + ": " + e.getMessage() + "; they must be a PEM certificate chain and a PKCS#8 PEM key", e);
        }
    }

    @Override
    public String name() {
        return "admin";
    }

    @Override
    public InetSocketAddress start(EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transports.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY),
                                new AdminHttpHandler(api, worker));
                    }
                })
                .bind(listen.host(), listen.port()).sync().channel();
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        if (tls != null) {
            tls.close();
        }
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        worker.shutdown();
    }
}
