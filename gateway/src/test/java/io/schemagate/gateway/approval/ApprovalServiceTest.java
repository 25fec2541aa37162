package io.schemagate.gateway.approval;

import io.schemagate.gateway.audit.AuditVerifier;
import io.schemagate.gateway.audit.FileAuditLog;
import io.schemagate.policy.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApprovalServiceTest {

    private static final String DROP = "ALTER TABLE orders DROP COLUMN note";
    private static final Principal APP = new Principal("app", "shop", "10.0.0.7", "psql", null);
    private static final Approver ALICE = new Approver("alice", Set.of("dba"), Set.of());
    private static final Approver BOB = new Approver("bob", Set.of("dba"), Set.of());
    private static final Approver CAROL = new Approver("carol", Set.of("security"), Set.of());
    private static final Approver APP_OWNER = new Approver("dave", Set.of("dba"), Set.of("app"));

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    FileAuditLog audit;
    ApprovalService service;

    @BeforeEach
    void setUp() {
        audit = FileAuditLog.open(dir.resolve("audit.jsonl"), "gw", null, clock);
        service = new ApprovalService(new FileChangeStore(dir.resolve("changes")), audit, clock, Duration.ofHours(4));
    }

    @AfterEach
    void tearDown() {
        audit.close();
    }

    private ChangeRequest hold(int approvals, List<String> groups) {
        return service.request(new ChangeDraft(DROP, "postgresql", APP, "destructive-needs-two", List.of("dropping-column"),
                List.of(), "ticket OPS-12", approvals, groups));
    }

    @Test
    void twoApproversFromTheGroupApproveThenTheStatementRunsOnce() throws Exception {
        ChangeRequest r = hold(2, List.of("dba"));
        assertThat(service.approve(r.id(), ALICE, "looked at usage").status()).isEqualTo(ChangeRequest.Status.PENDING);
        assertThat(service.claim(DROP, "app", "shop")).isEmpty();
        assertThat(service.approve(r.id(), BOB, "ok").status()).isEqualTo(ChangeRequest.Status.APPROVED);

        ChangeRequest used = service.claim("ALTER TABLE orders\n   DROP COLUMN note;", "app", "shop").orElseThrow();
        assertThat(used.approverNames()).containsExactly("alice", "bob");
        assertThat(service.claim(DROP, "app", "shop")).as("single use").isEmpty();

        audit.close();
        AuditVerifier.Result v = AuditVerifier.verify(dir.resolve("audit.jsonl"), null);
        assertThat(v.ok()).isTrue();
        assertThat(v.records()).isEqualTo(3);
        assertThat(Files.readAllLines(dir.resolve("audit.jsonl")).get(2)).contains("\"approver\":\"bob\"", "\"status\":\"approved\"");
    }

    @Test
    void anApprovalIsForThatUserAndDatabaseOnly() {
        ChangeRequest r = hold(1, List.of());
        service.approve(r.id(), ALICE, "fine");
        assertThat(service.claim(DROP, "someone_else", "shop")).isEmpty();
        assertThat(service.claim(DROP, "app", "other_db")).isEmpty();
        assertThat(service.claim(DROP + ", DROP COLUMN total", "app", "shop")).isEmpty();
        assertThat(service.claim(DROP, "app", "shop")).isPresent();
    }

    @Test
    void theRequesterCannotApproveTheirOwnChange() {
        ChangeRequest r = hold(1, List.of("dba"));
        assertThatThrownBy(() -> service.approve(r.id(), APP_OWNER, "mine"))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("cannot approve it")
                .extracting(e -> ((ApprovalException) e).reason()).isEqualTo(ApprovalException.Reason.FORBIDDEN);
    }

    @Test
    void approversOutsideTheGroupsAndRepeatedApprovalsDoNotCount() {
        ChangeRequest r = hold(2, List.of("dba"));
        assertThatThrownBy(() -> service.approve(r.id(), CAROL, "x")).hasMessageContaining("needs an approver from dba");
        service.approve(r.id(), ALICE, "yes");
        assertThatThrownBy(() -> service.approve(r.id(), ALICE, "yes again")).hasMessageContaining("already approved");
        assertThat(service.store().get(r.id()).orElseThrow().status()).isEqualTo(ChangeRequest.Status.PENDING);
    }

    @Test
    void aDenialEndsTheRequest() {
        ChangeRequest r = hold(2, List.of("dba"));
        service.approve(r.id(), ALICE, "yes");
        assertThat(service.deny(r.id(), BOB, "not during the sale").status()).isEqualTo(ChangeRequest.Status.DENIED);
        assertThatThrownBy(() -> service.approve(r.id(), BOB, "changed my mind")).hasMessageContaining("is denied");
        assertThat(service.claim(DROP, "app", "shop")).isEmpty();
    }

    @Test
    void expiryEndsPendingAndUnusedApprovedRequests() {
        ChangeRequest pending = hold(2, List.of());
        ChangeRequest approved = service.request(new ChangeDraft("DROP TABLE old_orders", "postgresql", APP, "r",
                List.of("dropping-table"), List.of(), null, 1, List.of()));
        service.approve(approved.id(), ALICE, "ok");
        clock.advance(Duration.ofHours(4));

        assertThat(service.claim("DROP TABLE old_orders", "app", "shop")).isEmpty();
        assertThat(service.store().get(pending.id()).orElseThrow().status()).isEqualTo(ChangeRequest.Status.EXPIRED);
        assertThatThrownBy(() -> service.approve(pending.id(), ALICE, "late")).hasMessageContaining("is expired");
    }

    @Test
    void requestsSurviveARestart() {
        ChangeRequest r = hold(1, List.of());
        service.approve(r.id(), ALICE, "ok");
        ApprovalService restarted = new ApprovalService(new FileChangeStore(dir.resolve("changes")), audit, clock, Duration.ofHours(4));
        assertThat(restarted.claim(DROP, "app", "shop")).isPresent();
    }

    @Test
    void nothingChangesWhenTheAuditLogCannotBeWritten() {
        ChangeRequest r = hold(1, List.of());
        audit.close();
        assertThatThrownBy(() -> service.approve(r.id(), ALICE, "ok"))
                .isInstanceOf(ApprovalException.class)
                .hasMessageContaining("audit log cannot be written");
        assertThat(service.store().get(r.id()).orElseThrow().status()).isEqualTo(ChangeRequest.Status.PENDING);
    }
}
