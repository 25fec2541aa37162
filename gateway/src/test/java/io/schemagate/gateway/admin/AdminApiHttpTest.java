package io.schemagate.gateway.admin;

import io.netty.channel.EventLoopGroup;
import io.schemagate.config.HostPort;
import io.schemagate.config.IdentityConfig;
import io.schemagate.gateway.approval.ApprovalService;
import io.schemagate.gateway.approval.ChangeDraft;
import io.schemagate.gateway.approval.ChangeRequest;
import io.schemagate.gateway.approval.FileChangeStore;
import io.schemagate.gateway.audit.AuditVerifier;
import io.schemagate.gateway.audit.FileAuditLog;
import io.schemagate.gateway.cli.Main;
import io.schemagate.gateway.server.Transports;
import io.schemagate.policy.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API over a real HTTP socket, driven by the {@code schemagate approvals} CLI as approvers use it. */
class AdminApiHttpTest {

    @TempDir
    Path dir;
    EventLoopGroup group;
    FileAuditLog audit;
    ApprovalService approvals;
    AdminListener listener;
    String url;

    static IdentityConfig identity(String name, String token, List<String> dbUsers, List<String> groups) {
        return new IdentityConfig(name, HexFormat.of().formatHex(Authenticator.sha256(token)), dbUsers, groups);
    }

    @BeforeEach
    void start() throws Exception {
        audit = FileAuditLog.open(dir.resolve("audit.jsonl"), "gw", null, Clock.systemUTC());
        approvals = new ApprovalService(new FileChangeStore(dir.resolve("changes")), audit, Clock.systemUTC(), Duration.ofHours(1));
        Authenticator auth = new Authenticator(List.of(
                identity("alice", "alice-token", List.of(), List.of("dba")),
                identity("bob", "bob-token", List.of(), List.of()),
                identity("app-owner", "owner-token", List.of("app"), List.of("dba"))),
                name -> name.equals("bob") ? Set.of("dba") : Set.of());
        group = Transports.newGroup(1);
        listener = new AdminListener(new HostPort("127.0.0.1", 0), new AdminApi(auth, approvals, List.of(), () -> "# metrics\n", null, null));
        InetSocketAddress addr = listener.start(group, group);
        url = "http://127.0.0.1:" + addr.getPort();
    }

    @AfterEach
    void stop() {
        listener.close();
        group.shutdownGracefully().syncUninterruptibly();
        audit.close();
    }

    private ChangeRequest hold() {
        return approvals.request(new ChangeDraft("DROP TABLE old_orders", "postgresql",
                new Principal("app", "shop", "127.0.0.1", "psql", null), "destructive", List.of("dropping-table"),
                List.of(), null, 2, List.of("dba")));
    }

    @Test
    void twoApproversApproveThroughTheCli() throws Exception {
        ChangeRequest r = hold();

        Cli list = cli("approvals", "list", "--url", url, "--token", "alice-token");
        assertThat(list.exit).isZero();
        assertThat(list.out).contains(r.id(), "pending", "app", "0/2", "DROP TABLE old_orders");

        assertThat(cli("approvals", "approve", r.id(), "--reason", "table unused since May", "--url", url, "--token", "alice-token").out)
                .contains(r.id() + ": pending (1/2 approvals)");
        assertThat(cli("approvals", "approve", r.id(), "--reason", "agreed", "--url", url, "--token", "bob-token").out)
                .contains(r.id() + ": approved (2/2 approvals)");

        assertThat(approvals.claim("DROP TABLE old_orders", "app", "shop")).isPresent();
        audit.close();
        assertThat(AuditVerifier.verify(dir.resolve("audit.jsonl"), null).records()).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("\"approver\":\"alice\",\"reason\":\"table unused since May\"");
    }

    @Test
    void selfApprovalIsRefused() {
        ChangeRequest r = hold();
        Cli self = cli("approvals", "approve", r.id(), "--reason", "mine", "--url", url, "--token", "owner-token");
        assertThat(self.exit).isEqualTo(1);
        assertThat(self.err).contains("403", "requested change " + r.id() + " and cannot approve it");
    }

    @Test
    void aWrongTokenIsRefused() {
        ChangeRequest r = hold();
        Cli wrong = cli("approvals", "approve", r.id(), "--reason", "x", "--url", url, "--token", "guess");
        assertThat(wrong.exit).isEqualTo(1);
        assertThat(wrong.err).contains("401", "bearer token");
        assertThat(approvals.store().get(r.id()).orElseThrow().approvals()).isEmpty();
    }

    @Test
    void healthIsOpenAndApiNeedsAToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create(url + "/health/live")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).isEqualTo(200);
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/changes")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"schemagate\"");
        HttpResponse<String> noReason = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/changes/" + hold().id() + "/approve"))
                .header("Authorization", "Bearer alice-token").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
    }

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Main.run(args);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
