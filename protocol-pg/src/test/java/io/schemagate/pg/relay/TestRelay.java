package io.schemagate.pg.relay;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.schemagate.policy.gate.StatementGate;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A relay on one NIO event loop and a loopback port, in front of {@code upstream}, for tests that
 * speak the protocol byte by byte; and the few client messages they write.
 */
final class TestRelay implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel listener;

    private TestRelay(EventLoopGroup group, Channel listener) {
        this.group = group;
        this.listener = listener;
    }

    static TestRelay start(StatementGate gate, InetSocketAddress upstream) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        PgRelay relay = new PgRelay(new PgRelaySettings(upstream, NioSocketChannel.class, 1 << 20, null, null, gate,
                Duration.ofSeconds(5)));
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        relay.configure(ch);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return new TestRelay(group, listener);
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The relay's one event loop. */
    EventLoopGroup group() {
        return group;
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A protocol 3.0 StartupMessage for the test user and database {@code postgres}. */
    static byte[] startup() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        d.writeInt(196608);
        for (String s : new String[] {"user", PgTestServer.user(), "database", "postgres"}) {
            d.write(s.getBytes(StandardCharsets.UTF_8));
            d.write(0);
        }
        d.write(0);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        new DataOutputStream(all).writeInt(body.size() + 4);
        body.writeTo(all);
        return all.toByteArray();
    }

    /** Writes one typed message. */
    static void msg(OutputStream out, char type, byte[] body) throws Exception {
        DataOutputStream d = new DataOutputStream(out);
        d.write(type);
        d.writeInt(body.length + 4);
        d.write(body);
    }

    /** A zero-terminated string. */
    static byte[] cstr(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, b.length + 1);
    }

    /** A Query message. */
    static byte[] query(String sql) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        msg(all, 'Q', cstr(sql));
        return all.toByteArray();
    }
}
