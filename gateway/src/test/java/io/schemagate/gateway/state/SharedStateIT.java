package io.schemagate.gateway.state;

import io.schemagate.config.StateConfig;
import io.schemagate.gateway.approval.ApprovalService;
import io.schemagate.gateway.approval.Approver;
import io.schemagate.gateway.approval.ChangeDraft;
import io.schemagate.gateway.approval.ChangeRequest;
import io.schemagate.gateway.approval.PgChangeStore;
import io.schemagate.gateway.audit.AuditEvent;
import io.schemagate.gateway.audit.AuditKind;
import io.schemagate.gateway.audit.AuditVerifier;
import io.schemagate.gateway.audit.PgAuditLog;
import io.schemagate.gateway.testing.TestServers;
import io.schemagate.policy.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Two gateways' services sharing one PostgreSQL state database. */
class SharedStateIT {

    String db;
    SharedState shared;
    PgAuditLog auditA;
    PgAuditLog auditB;
    ApprovalService gatewayA;
    ApprovalService gatewayB;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createPgDatabase("sg_state");
        shared = new SharedState(new StateConfig.SharedDatabase("jdbc:postgresql://" + TestServers.pgHostPort() + "/" + db,
                TestServers.pgUser(), null, null));
        shared.createSchema();
        shared.createSchema();
        auditA = new PgAuditLog(shared, "gw-a", null, Clock.systemUTC());
        auditB = new PgAuditLog(shared, "gw-b", null, Clock.systemUTC());
        gatewayA = new ApprovalService(new PgChangeStore(shared), auditA, Clock.systemUTC(), Duration.ofHours(1));
        gatewayB = new ApprovalService(new PgChangeStore(shared), auditB, Clock.systemUTC(), Duration.ofHours(1));
    }

    @AfterEach
    void tearDown() throws Exception {
        auditA.close();
        auditB.close();
        TestServers.dropPgDatabase(db);
    }

    @Test
    void approvedThroughOneGatewayRunsOnceThroughTheOtherInOneChain() throws Exception {
        ChangeRequest r = gatewayA.request(new ChangeDraft("DROP TABLE legacy", "postgresql",
                new Principal("app", "shop", "10.1.1.1", null, null), "destructive", List.of("dropping-table"), List.of(),
                null, 1, List.of()));
        gatewayB.approve(r.id(), new Approver("alice", Set.of(), Set.of()), "archived elsewhere");

        assertThat(gatewayA.claim("DROP TABLE legacy", "app", "shop")).isPresent();
        assertThat(gatewayB.claim("DROP TABLE legacy", "app", "shop")).as("single use across gateways").isEmpty();
        assertThat(gatewayA.claim("DROP TABLE legacy", "app", "shop")).isEmpty();

        AuditVerifier.Result v = PgAuditLog.verify(shared, null);
        assertThat(v.ok()).as(v.problem()).isTrue();
        assertThat(v.records()).isEqualTo(2);
        assertThat(PgAuditLog.lines(shared).get(0)).contains("\"gateway\":\"gw-a\"", "change_requested");
        assertThat(PgAuditLog.lines(shared).get(1)).contains("\"gateway\":\"gw-b\"", "change_approved");
    }

    @Test
    void concurrentAppendsFromTwoGatewaysFormOneValidChain() throws Exception {
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.add(auditA.append(AuditEvent.of(AuditKind.STATEMENT_JUDGED).put("n", i).build()));
            all.add(auditB.append(AuditEvent.of(AuditKind.STATEMENT_JUDGED).put("n", i).build()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        AuditVerifier.Result v = PgAuditLog.verify(shared, null);
        assertThat(v.ok()).as(v.problem()).isTrue();
        assertThat(v.records()).isEqualTo(200);
    }
}
