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
import io.schemagate.policy.gate.PlanWait;
import io.schemagate.policy.gate.StatementGate;
import io.schemagate.policy.gate.StatementListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static io.schemagate.pg.relay.BackPressureIT.cstr;
import static io.schemagate.pg.relay.BackPressureIT.msg;
import static io.schemagate.pg.relay.BackPressureIT.startup;
import static org.assertj.core.api.Assertions.assertThat;

/** A pipelining client sends more while its first statement waits for its plan: later statements keep their place behind the held one. */
class WaitPipelineOrderIT {

    private EventLoopGroup group;
    private Channel listener;
    private final CompletableFuture<PlanWait.Outcome> plan = new CompletableFuture<>();

    private final StatementGate gate = new StatementGate() {
        @Override
        public CompletionStage<GateVerdict> judge(GateRequest request) {
            boolean waits = request.sql().contains("wait_t");
            StatementListener l = new StatementListener() {
                @Override
                public void completed(boolean ok, boolean inTransactionBlock) {
                }

                @Override
                public void transactionEnded(boolean committed) {
                }

                @Override
                public PlanWait planWait() {
                    return !waits ? null : new PlanWait() {
                        public Duration progressInterval() { return Duration.ofSeconds(60); }
                        public String progress() { return "p"; }
                        public String notWaiting() { return "n"; }
                        public GateVerdict.Refuse cancelled() { return new GateVerdict.Refuse("57014", 0, "c", null, null); }
                        public CompletionStage<Outcome> outcome() { return plan; }
                    };
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

    @AfterEach
    void stop() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void statementsSentDuringAWaitKeepTheirOrder() throws Exception {
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
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        List<String> seen = new ArrayList<>();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(startup());
            DataInputStream in = new DataInputStream(s.getInputStream());
            int ready = 0;
            boolean sentMore = false;
            msg(s.getOutputStream(), 'Q', cstr("CREATE TEMP TABLE wait_t (a int)"));
            while (ready < 4) {
                if (ready == 1 && !sentMore) {
                    // The first statement's ReadyForQuery is held: its client waits for the plan.
                    Thread.sleep(500);
                    ByteArrayOutputStream more = new ByteArrayOutputStream();
                    msg(more, 'Q', cstr("CREATE TEMP TABLE other_t (a int)"));
                    msg(more, 'Q', cstr("SELECT 1"));
                    s.getOutputStream().write(more.toByteArray());
                    Thread.sleep(500);
                    plan.complete(PlanWait.Outcome.done("plan done"));
                    sentMore = true;
                }
                char type = (char) in.readByte();
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                if (type == 'Z') {
                    ready++;
                }
                if (ready >= 1 && type == 'C') {
                    seen.add("C " + new String(body, 0, body.length - 1, StandardCharsets.UTF_8));
                } else if (ready > 1 && type == 'Z') {
                    seen.add("Z");
                }
            }
        }
        assertThat(seen).containsExactly("C CREATE TABLE", "Z", "C CREATE TABLE", "Z", "C SELECT 1", "Z");
    }
}
