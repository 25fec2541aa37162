package io.schemagate.gateway.gate;

import io.schemagate.gateway.approval.ApprovalService;
import io.schemagate.gateway.approval.Approver;
import io.schemagate.gateway.approval.ChangeRequest;
import io.schemagate.gateway.approval.FileChangeStore;
import io.schemagate.gateway.audit.AuditVerifier;
import io.schemagate.gateway.audit.FileAuditLog;
import io.schemagate.gateway.executor.FileMigrationStore;
import io.schemagate.gateway.executor.Migration;
import io.schemagate.gateway.executor.MigrationExecutor;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.Principal;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.gate.PlanWait;
import io.schemagate.policy.rule.Judge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate's decisions with the built-in policy, the real analysers and planner, and no server. */
class GatewayGateTest {

    private static final Principal APP = new Principal("app", "shop", "10.0.0.5", "psql", null);

    @TempDir
    Path dir;
    FileAuditLog audit;
    ApprovalService approvals;
    MigrationExecutor executor;
    GatewayGate gate;

    @BeforeEach
    void setUp() {
        audit = FileAuditLog.open(dir.resolve("audit.jsonl"), "gw", null, Clock.systemUTC());
        approvals = new ApprovalService(new FileChangeStore(dir.resolve("changes")), audit, Clock.systemUTC(), Duration.ofHours(1));
        executor = new MigrationExecutor(new FileMigrationStore(dir.resolve("migrations")), audit, Map.of(),
                new MigrationExecutor.Settings(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(1), 3),
                Clock.systemUTC(), 1);
        Judge judge = Judges.judge(Judges.policy(null), Clock.systemUTC());
        gate = new GatewayGate(() -> judge, audit, new io.schemagate.gateway.metrics.GatewayMetrics(), approvals, executor, new ServerVersions(Map.of()),
                Map.of(Dialect.POSTGRESQL, "127.0.0.1:5432", Dialect.MYSQL, "127.0.0.1:3306"), Runnable::run);
    }

    @AfterEach
    void tearDown() {
        executor.close();
        audit.close();
    }

    private GateVerdict pg(String sql, boolean inTx) {
        return gate.decide(new GateRequest(Dialect.POSTGRESQL, APP, sql, GateRequest.Origin.PG_QUERY, inTx, "c1"));
    }

    @Test
    void ordinaryQueriesPassWithoutAnAuditRecord() throws Exception {
        assertThat(pg("SELECT 1", false)).isEqualTo(GateVerdict.Forward.UNCHANGED);
        assertThat(Files.readAllLines(dir.resolve("audit.jsonl"))).isEmpty();
    }

    @Test
    void aVolatileDefaultIsRewrittenAndItsStagesWaitForTheClientsCommit() throws Exception {
        GateVerdict v = pg("ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int", true);
        assertThat(v).isInstanceOf(GateVerdict.Forward.class);
        GateVerdict.Forward f = (GateVerdict.Forward) v;
        // The in-band step, run under its lock timeout (2 s) without leaving the setting on the session.
        assertThat(f.sql()).startsWith("DO $schemagate$")
                .contains("set_config('lock_timeout', '2000ms', true)")
                .contains("EXECUTE $schemagate_step$ALTER TABLE orders ADD COLUMN c int4$schemagate_step$");
        assertThat(f.notices()).singleElement().asString().contains("staged migration mig_", "once this transaction commits");
        Migration m = executor.store().list().get(0);
        assertThat(m.state()).isEqualTo(Migration.State.WAITING);

        f.listener().completed(true, true);
        assertThat(executor.store().get(m.id()).orElseThrow().state()).isEqualTo(Migration.State.WAITING);
        f.listener().transactionEnded(false);
        assertThat(executor.store().get(m.id()).orElseThrow().state()).isEqualTo(Migration.State.DISCARDED);

        String record = Files.readAllLines(dir.resolve("audit.jsonl")).get(0);
        assertThat(record).contains("\"kind\":\"statement_judged\"", "\"user\":\"app\"", "\"decision\":\"rewrite\"",
                "\"migration_id\":\"" + m.id() + "\"", "adding-volatile-default");
    }

    @Test
    void aDropIsHeldThenRunsOnceAfterApproval() throws Exception {
        String drop = "/* schemagate: reason=\"column unused since v42\" ticket=\"OPS-7\" */ ALTER TABLE orders DROP COLUMN note";
        GateVerdict first = pg(drop, false);
        assertThat(first).isInstanceOf(GateVerdict.Refuse.class);
        GateVerdict.Refuse refused = (GateVerdict.Refuse) first;
        assertThat(refused.sqlState()).isEqualTo("55000");
        assertThat(refused.message()).startsWith("schemagate: this change needs approval: change chg_");
        String changeId = refused.message().substring(refused.message().indexOf("chg_"));
        assertThat(refused.detail()).contains("dropping-column");

        ChangeRequest r = approvals.approve(changeId, new Approver("alice", Set.of(), Set.of()), "checked");
        assertThat(r.status()).isEqualTo(ChangeRequest.Status.APPROVED);

        GateVerdict second = pg(drop, false);
        assertThat(second).isInstanceOf(GateVerdict.Forward.class);
        assertThat(((GateVerdict.Forward) second).sql()).as("run as sent, under the policy's lock timeout")
                .isEqualTo("SET LOCAL lock_timeout = '2000ms'; " + drop);
        assertThat(((GateVerdict.Forward) second).guard()).isEqualTo(new GateVerdict.LockGuard(1, 5));
        assertThat(pg(drop, false)).as("single use").isInstanceOf(GateVerdict.Refuse.class);

        audit.close();
        assertThat(AuditVerifier.verify(dir.resolve("audit.jsonl"), null).ok()).isTrue();
        List<String> lines = Files.readAllLines(dir.resolve("audit.jsonl"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"decision\":\"allow\"", "\"change_id\":\"" + changeId + "\"",
                "\"approvers\":[{\"by\":\"alice\"", "\"annotation_reason\":\"column unused since v42\"", "\"annotation_ticket\":\"OPS-7\""));
    }

    @Test
    void anApprovedChangeWithAStagedPlanRunsThePlanNotTheRawStatement() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                version: 1
                rules:
                  - id: volatile-defaults-need-a-dba
                    match: { checks: [adding-volatile-default] }
                    action: require_approval
                """);
        Judge judge = Judges.judge(Judges.policy(policy), Clock.systemUTC());
        GatewayGate held = new GatewayGate(() -> judge, audit, new io.schemagate.gateway.metrics.GatewayMetrics(), approvals,
                executor, new ServerVersions(Map.of()), Map.of(Dialect.POSTGRESQL, "127.0.0.1:5432"), Runnable::run);
        String sql = "ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int";
        GateVerdict.Refuse first = (GateVerdict.Refuse) held.decide(new GateRequest(Dialect.POSTGRESQL, APP, sql,
                GateRequest.Origin.PG_QUERY, true, "c1"));
        String changeId = first.message().substring(first.message().indexOf("chg_"));
        approvals.approve(changeId, new Approver("alice", Set.of(), Set.of()), "staged plan reviewed");

        GateVerdict.Forward run = (GateVerdict.Forward) held.decide(new GateRequest(Dialect.POSTGRESQL, APP, sql,
                GateRequest.Origin.PG_QUERY, true, "c1"));
        assertThat(run.sql()).contains("ALTER TABLE orders ADD COLUMN c int4");
        Migration m = executor.store().list().get(0);
        assertThat(m.changeId()).isEqualTo(changeId);
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("\"decision\":\"rewrite\"", "\"change_id\":\"" + changeId + "\"");
    }

    @Test
    void withWaitTheClientWaitsForThePlanOutsideATransactionBlockOnly() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                version: 1
                rules:
                  - id: stage-and-wait
                    match: { has_plan: true }
                    action: rewrite
                    wait: true
                """);
        Judge judge = Judges.judge(Judges.policy(policy), Clock.systemUTC());
        GatewayGate waiting = new GatewayGate(() -> judge, audit, new io.schemagate.gateway.metrics.GatewayMetrics(), approvals,
                executor, new ServerVersions(Map.of()), Map.of(Dialect.POSTGRESQL, "127.0.0.1:5432", Dialect.MYSQL, "127.0.0.1:3306"),
                Runnable::run);
        waiting.progressEvery(Duration.ofMillis(300));
        String sql = "ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int";

        GateVerdict.Forward outside = (GateVerdict.Forward) waiting.decide(new GateRequest(Dialect.POSTGRESQL, APP, sql,
                GateRequest.Origin.PG_PARSE, false, "c1"));
        PlanWait wait = outside.listener().planWait();
        assertThat(wait).isNotNull();
        assertThat(wait.progressInterval()).isEqualTo(Duration.ofMillis(300));
        assertThat(outside.notices()).singleElement().asString().contains("follow; waiting for them");
        String id = executor.store().list().get(0).id();
        assertThat(wait.progress()).isEqualTo("schemagate: staged migration " + id + ": starting");
        assertThat(wait.notWaiting()).contains(id, "does not apply inside a transaction block");
        // The statement failed: the migration is discarded, and so the wait ends (with an error no client sees).
        outside.listener().completed(false, false);
        PlanWait.Outcome outcome = wait.outcome().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(outcome.failure().message()).contains(id, "discarded");

        GateVerdict.Forward inside = (GateVerdict.Forward) waiting.decide(new GateRequest(Dialect.POSTGRESQL, APP, sql,
                GateRequest.Origin.PG_QUERY, true, "c1"));
        assertThat(inside.listener().planWait()).isNull();
        assertThat(inside.notices()).singleElement().asString()
                .contains("once this transaction commits; wait: true does not apply inside a transaction block");

        GateVerdict.Forward mysql = (GateVerdict.Forward) waiting.decide(new GateRequest(Dialect.MYSQL, APP,
                "ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (FLOOR(RAND()*100))", GateRequest.Origin.MYSQL_COM_QUERY,
                true, "c2"));
        assertThat(mysql.listener().planWait()).as("MySQL commits before a schema change: it can always wait").isNotNull();
        assertThat(mysql.notices()).singleElement().asString().startsWith("schemagate: staged migration mig_")
                .hasSizeLessThanOrEqualTo(128);
    }

    @Test
    void aRewriteInsideABatchIsRefusedWithAnExplanation() {
        GateVerdict v = pg("SELECT 1; ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int", false);
        assertThat(v).isInstanceOf(GateVerdict.Refuse.class);
        assertThat(((GateVerdict.Refuse) v).sqlState()).isEqualTo("0A000");
        assertThat(((GateVerdict.Refuse) v).hint()).isEqualTo("send that statement on its own");
    }

    @Test
    void schemaChangesAreRefusedWhenTheAuditLogCannotBeWritten() {
        audit.close();
        GateVerdict v = pg("ALTER TABLE orders ADD COLUMN note text", false);
        assertThat(v).isInstanceOf(GateVerdict.Refuse.class);
        assertThat(((GateVerdict.Refuse) v).sqlState()).isEqualTo("58030");
        assertThat(pg("SELECT * FROM orders", false)).isEqualTo(GateVerdict.Forward.UNCHANGED);
    }
}
