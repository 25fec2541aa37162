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
import io.schemagate.pg.message.frontend.CancelRequest;
import io.schemagate.pg.message.frontend.GSSENCRequest;
import io.schemagate.pg.message.frontend.SSLRequest;
import io.schemagate.policy.gate.StatementGate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup-phase answers the relay gives by itself, before any server is involved; real sockets
 * on the loopback, no database.
 */
class PgRelayStartupTest {

    private EventLoopGroup group;
    private Channel server;
    private PgRelay relay;
    private ServerSocket upstream;

    @BeforeEach
    void start() throws Exception {
        // A "server" that accepts and says nothing; only CancelRequest forwarding would reach it.
        upstream = new ServerSocket(0);
        upstream.setSoTimeout(300);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        relay = new PgRelay(new PgRelaySettings(new InetSocketAddress("127.0.0.1", upstream.getLocalPort()),
                NioSocketChannel.class, 1 << 20, null, null, StatementGate.PASS_THROUGH, Duration.ofSeconds(2)));
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        relay.configure(ch);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    @AfterEach
    void stop() throws IOException {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        upstream.close();
    }

    private Socket client() throws IOException {
        Socket s = new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort());
        s.setSoTimeout(10_000);
        return s;
    }

    @Test
    void sslRequestWithoutACertificateIsAnsweredN() throws Exception {
        try (Socket s = client()) {
            new DataOutputStream(s.getOutputStream()).write(new byte[] {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f});
            assertThat(s.getInputStream().read()).isEqualTo(SSLRequest.DECLINE);
        }
    }

    @Test
    void gssencRequestIsAnsweredN() throws Exception {
        try (Socket s = client()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(8);
            out.writeInt(GSSENCRequest.CODE);
            assertThat(s.getInputStream().read()).isEqualTo(SSLRequest.DECLINE);
        }
    }

    @Test
    void clientThatNeverSendsAStartupMessageIsDisconnectedWithAReason() throws Exception {
        try (Socket s = client()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            assertThat(in.readByte()).isEqualTo((byte) 'E');
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            assertThat(new String(body, StandardCharsets.UTF_8)).contains("no startup message within 2000 ms");
            assertThat(in.read()).as("closed after the error").isEqualTo(-1);
        }
    }

    @Test
    void cancelRequestWithAnUnknownKeyIsDroppedAndTheConnectionClosed() throws Exception {
        try (Socket s = client()) {
            s.getOutputStream().write(bytes(new CancelRequest(12345, new byte[] {1, 2, 3, 4})));
            assertThat(s.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
        }
        // Nothing was sent to the server: it sees no connection at all.
        try (Socket forwarded = upstream.accept()) {
            throw new AssertionError("an unknown cancel key was forwarded to " + forwarded);
        } catch (SocketTimeoutException expected) {
            assertThat(relay.cancels().size()).isZero();
        }
    }

    @Test
    void cancelRequestWithAKnownKeyIsForwardedToItsServer() throws Exception {
        io.schemagate.pg.message.backend.BackendKeyData key =
                new io.schemagate.pg.message.backend.BackendKeyData(777, new byte[] {9, 9, 9, 9});
        relay.cancels().register(key, new InetSocketAddress("127.0.0.1", upstream.getLocalPort()));
        upstream.setSoTimeout(10_000);
        try (Socket s = client()) {
            s.getOutputStream().write(bytes(new CancelRequest(777, new byte[] {9, 9, 9, 9})));
            try (Socket forwarded = upstream.accept()) {
                forwarded.setSoTimeout(10_000);
                InputStream in = forwarded.getInputStream();
                assertThat(in.readNBytes(16)).isEqualTo(bytes(new CancelRequest(777, new byte[] {9, 9, 9, 9})));
                assertThat(in.read()).as("the gateway closes after the request, as a client would").isEqualTo(-1);
            }
        }
    }

    private static byte[] bytes(CancelRequest c) {
        io.netty.buffer.ByteBuf b = c.encode(io.netty.buffer.ByteBufAllocator.DEFAULT);
        try {
            return io.netty.buffer.ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }
}
