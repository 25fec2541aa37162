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
import io.schemagate.policy.Dialect;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.gate.StatementGate;
import io.schemagate.policy.gate.StatementListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static io.schemagate.pg.relay.BackPressureIT.cstr;
import static io.schemagate.pg.relay.BackPressureIT.msg;
import static io.schemagate.pg.relay.BackPressureIT.startup;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client goes away in the same event-loop turn in which the server's ErrorResponse and
 * ReadyForQuery for its judged statement arrive. A scripted upstream, no database.
 */
class ClientGoneOutcomeTest {

    private EventLoopGroup group;
    private Channel listener;
    private ServerSocket upstream;
    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    private final StatementGate gate = new StatementGate() {
        @Override
        public CompletionStage<GateVerdict> judge(GateRequest request) {
            return CompletableFuture.completedFuture(new GateVerdict.Forward(null, List.of(), new StatementListener() {
                @Override
                public void completed(boolean ok, boolean inTransactionBlock) {
                    outcomes.add("completed ok=" + ok);
                }

                @Override
                public void transactionEnded(boolean committed) {
                }
            }));
        }

        @Override
        public boolean mayNeedJudgement(Dialect dialect, byte[] sql, int from, int to) {
            return true;
        }
    };

    @AfterEach
    void stop() throws Exception {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        upstream.close();
    }

    private static void serverMsg(DataOutputStream out, char type, byte[] body) throws Exception {
        out.write(type);
        out.writeInt(body.length + 4);
        out.write(body);
    }

    @Test
    void aStatementTheServerFailedIsNotReportedAsASuccessWhenItsClientLeavesMeanwhile() throws Exception {
        upstream = new ServerSocket(0);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        PgRelay relay = new PgRelay(new PgRelaySettings(new InetSocketAddress("127.0.0.1", upstream.getLocalPort()),
                NioSocketChannel.class, 1 << 20, null, null, gate, Duration.ofSeconds(5)));
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        relay.configure(ch);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        int port = ((InetSocketAddress) listener.localAddress()).getPort();

        Socket client = new Socket("127.0.0.1", port);
        client.setSoTimeout(5000);
        client.getOutputStream().write(startup());
        try (Socket server = upstream.accept()) {
            server.setSoTimeout(5000);
            DataInputStream sin = new DataInputStream(server.getInputStream());
            DataOutputStream sout = new DataOutputStream(server.getOutputStream());
            sin.readFully(new byte[sin.readInt() - 4]);
            serverMsg(sout, 'R', new byte[] {0, 0, 0, 0});
            serverMsg(sout, 'Z', new byte[] {'I'});
            DataInputStream cin = new DataInputStream(client.getInputStream());
            while ((char) cin.readByte() != 'Z' || cin.readInt() != 5 || cin.readByte() != 'I') {
                // skip to the startup ReadyForQuery
            }
            msg(client.getOutputStream(), 'Q', cstr("ALTER TABLE t ADD COLUMN c int"));
            // The judged statement reaches the server.
            char type = (char) sin.readByte();
            sin.readFully(new byte[sin.readInt() - 4]);
            assertThat(type).isEqualTo('Q');
            Thread.sleep(100);

            // Keep the event loop busy while the client leaves and the server answers with an error.
            CountDownLatch busy = new CountDownLatch(1);
            group.next().execute(() -> {
                busy.countDown();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            busy.await();
            client.close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            err.write('S');
            err.write("ERROR\0".getBytes(StandardCharsets.UTF_8));
            err.write('C');
            err.write("55P03\0".getBytes(StandardCharsets.UTF_8));
            err.write('M');
            err.write("could not obtain lock\0".getBytes(StandardCharsets.UTF_8));
            err.write(0);
            serverMsg(sout, 'E', err.toByteArray());
            serverMsg(sout, 'Z', new byte[] {'I'});
            sout.flush();
            Thread.sleep(1500);
        }
        assertThat(outcomes).containsExactly("completed ok=false");
    }
}
