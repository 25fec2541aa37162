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
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that pipelines its first statements right behind the StartupMessage (they wait in the
 * relay's early queue while the server connection is set up). Needs PostgreSQL (PgTestServer), trust.
 */
class EarlyPipelineOrderIT {

    private EventLoopGroup group;
    private Channel listener;
    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    /** Judges statements starting with "CREATE": forwards them under a lock guard with one hidden SET. */
    private final StatementGate gate = new StatementGate() {
        @Override
        public CompletionStage<GateVerdict> judge(GateRequest request) {
            StatementListener l = new StatementListener() {
                @Override
                public void completed(boolean ok, boolean inTransactionBlock) {
                    outcomes.add("completed ok=" + ok);
                }

                @Override
                public void transactionEnded(boolean committed) {
                }
            };
            return CompletableFuture.completedFuture(new GateVerdict.Forward(
                    "SET lock_timeout = '2s'; " + request.sql(), List.of(), l, new GateVerdict.LockGuard(1, 3)));
        }

        @Override
        public boolean mayNeedJudgement(Dialect dialect, byte[] sql, int from, int to) {
            return new String(sql, from, to - from, StandardCharsets.UTF_8).startsWith("CREATE");
        }
    };

    private int start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        PgRelay relay = new PgRelay(new PgRelaySettings(PgTestServer.address(),
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
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @AfterEach
    void stop() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static byte[] startup() throws Exception {
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

    private static byte[] query(String sql) throws Exception {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(all);
        d.write('Q');
        d.writeInt(4 + text.length + 1);
        d.write(text);
        d.write(0);
        return all.toByteArray();
    }

    /** Sends startup and both queries in one write; returns what the client sees after the startup ReadyForQuery. */
    private List<String> pipelined(int port, String q1, String q2) throws Exception {
        List<String> seen = new ArrayList<>();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(startup());
            all.write(query(q1));
            all.write(query(q2));
            s.getOutputStream().write(all.toByteArray());
            s.getOutputStream().flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int ready = 0;
            while (ready < 3) {
                char type = (char) in.readByte();
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                if (type == 'Z') {
                    ready++;
                }
                if (ready == 0) {
                    continue;
                }
                if (type == 'C') {
                    seen.add("C " + new String(body, 0, body.length - 1, StandardCharsets.UTF_8));
                } else if (type == 'E') {
                    seen.add("E");
                } else if (type == 'Z' && ready > 1) {
                    seen.add("Z");
                }
            }
        }
        return seen;
    }

    @Test
    void aJudgedStatementQueuedBeforeTheServerIsUpKeepsItsPlaceAmongLaterRequests() throws Exception {
        int port = start();
        List<String> seen = pipelined(port, "CREATE TEMP TABLE early_t (a int)", "SELECT 1");
        // The guard's SET stays hidden, the SELECT's own CommandComplete reaches the client.
        assertThat(seen).containsExactly("C CREATE TABLE", "Z", "C SELECT 1", "Z");
    }

    @Test
    void aFailedJudgedStatementQueuedEarlyIsReportedAsFailed() throws Exception {
        int port = start();
        List<String> seen = pipelined(port, "CREATE TEMP TABLE early_u AS SELECT 1/0 AS x", "SELECT 1");
        Thread.sleep(200);
        // The CREATE failed (division by zero): its listener must hear so, not the SELECT's success.
        assertThat(outcomes).containsExactly("completed ok=false");
        assertThat(seen).startsWith("E", "Z");
    }
}
