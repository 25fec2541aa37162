package io.schemagate.pg.relay;

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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static io.schemagate.pg.relay.TestRelay.cstr;
import static io.schemagate.pg.relay.TestRelay.msg;
import static io.schemagate.pg.relay.TestRelay.startup;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client goes away in the same event-loop turn in which the server's ErrorResponse and
 * ReadyForQuery for its judged statement arrive. A scripted upstream, no database.
 */
class ClientGoneOutcomeTest {

    private TestRelay relay;
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
        relay.close();
        upstream.close();
    }

    @Test
    void aStatementTheServerFailedIsNotReportedAsASuccessWhenItsClientLeavesMeanwhile() throws Exception {
        upstream = new ServerSocket(0);
        relay = TestRelay.start(gate, new InetSocketAddress("127.0.0.1", upstream.getLocalPort()));
        int port = relay.port();

        Socket client = new Socket("127.0.0.1", port);
        client.setSoTimeout(5000);
        client.getOutputStream().write(startup());
        try (Socket server = upstream.accept()) {
            server.setSoTimeout(5000);
            DataInputStream sin = new DataInputStream(server.getInputStream());
            DataOutputStream sout = new DataOutputStream(server.getOutputStream());
            sin.readFully(new byte[sin.readInt() - 4]);
            msg(sout, 'R', new byte[] {0, 0, 0, 0});
            msg(sout, 'Z', new byte[] {'I'});
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
            relay.group().next().execute(() -> {
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
            msg(sout, 'E', err.toByteArray());
            msg(sout, 'Z', new byte[] {'I'});
            sout.flush();
            Thread.sleep(1500);
        }
        assertThat(outcomes).containsExactly("completed ok=false");
    }
}
