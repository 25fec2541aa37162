package io.schemagate.gateway.gate;

import io.schemagate.gateway.approval.ApprovalService;
import io.schemagate.gateway.approval.FileChangeStore;
import io.schemagate.gateway.audit.FileAuditLog;
import io.schemagate.gateway.executor.FileMigrationStore;
import io.schemagate.gateway.executor.MigrationExecutor;
import io.schemagate.gateway.metrics.GatewayMetrics;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.Principal;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.rule.Judge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form of lock guard the gate chooses for each protocol message and transaction state, with the
 * built-in policy (lock_timeout 2s) and no server: MySQL is then taken for MySQL 8.0.
 */
class LockGuardsTest {

    private static final Principal APP = new Principal("app", "shop", "10.0.0.5", "app", null);

    @TempDir
    Path dir;
    FileAuditLog audit;
    MigrationExecutor executor;
    GatewayGate gate;

    @BeforeEach
    void setUp() {
        audit = FileAuditLog.open(dir.resolve("audit.jsonl"), "gw", null, Clock.systemUTC());
        ApprovalService approvals = new ApprovalService(new FileChangeStore(dir.resolve("changes")), audit,
                Clock.systemUTC(), Duration.ofHours(1));
        executor = new MigrationExecutor(new FileMigrationStore(dir.resolve("migrations")), audit, Map.of(),
                new MigrationExecutor.Settings(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(1), 3),
                Clock.systemUTC(), 1);
        Judge judge = Judges.judge(Judges.policy(null), Clock.systemUTC());
        gate = new GatewayGate(() -> judge, audit, new GatewayMetrics(), approvals, executor, new ServerVersions(Map.of()),
                Map.of(Dialect.POSTGRESQL, "127.0.0.1:5432", Dialect.MYSQL, "127.0.0.1:3306"), Runnable::run);
    }

    @AfterEach
    void tearDown() {
        executor.close();
        audit.close();
    }

    private GateVerdict.Forward forward(Dialect dialect, GateRequest.Origin origin, boolean inTx, String sql) {
        GateVerdict v = gate.decide(new GateRequest(dialect, APP, sql, origin, inTx, "c1"));
        assertThat(v).isInstanceOf(GateVerdict.Forward.class);
        return (GateVerdict.Forward) v;
    }

    @Test
    void aSimpleQueryOutsideATransactionBlockGetsSetLocalAndListenerRetries() {
        GateVerdict.Forward f = forward(Dialect.POSTGRESQL, GateRequest.Origin.PG_QUERY, false, "ALTER TABLE orders ADD COLUMN note text");
        assertThat(f.sql()).isEqualTo("SET LOCAL lock_timeout = '2000ms'; ALTER TABLE orders ADD COLUMN note text");
        assertThat(f.guard()).isEqualTo(new GateVerdict.LockGuard(1, 5));
    }

    @Test
    void aParseRunsInARetryingDoBlockAndKeepsItsTag() {
        GateVerdict.Forward f = forward(Dialect.POSTGRESQL, GateRequest.Origin.PG_PARSE, false, "ALTER TABLE orders ADD COLUMN note text");
        assertThat(f.sql()).startsWith("DO $schemagate$")
                .contains("set_config('lock_timeout', '2000ms', true)",
                        "EXECUTE $schemagate_step$ALTER TABLE orders ADD COLUMN note text$schemagate_step$",
                        "EXCEPTION WHEN lock_not_available", "IF sg_attempt >= 5 THEN RAISE", "pg_sleep(",
                        "set_config('lock_timeout', sg_before, true)");
        assertThat(f.guard()).as("the DO block retries itself; the listener only restores the tag")
                .isEqualTo(new GateVerdict.LockGuard(0, 1, "ALTER TABLE", null, null));
    }

    @Test
    void aQueryInsideATransactionBlockRunsInADoBlockToo() {
        GateVerdict.Forward f = forward(Dialect.POSTGRESQL, GateRequest.Origin.PG_QUERY, true, "CREATE TABLE t (id int);");
        assertThat(f.sql()).startsWith("DO $schemagate$").contains("EXECUTE $schemagate_step$CREATE TABLE t (id int)$schemagate_step$");
        assertThat(f.guard()).isEqualTo(new GateVerdict.LockGuard(0, 1, "CREATE TABLE", null, null));
    }

    @Test
    void aStagedIndexWithNoInBandStepShowsTheStatementsTagForItsStandIn() {
        GateVerdict.Forward f = forward(Dialect.POSTGRESQL, GateRequest.Origin.PG_PARSE, true, "CREATE INDEX i ON orders (id)");
        assertThat(f.sql()).startsWith("DO $schemagate_guard$");
        assertThat(f.guard()).isEqualTo(new GateVerdict.LockGuard(0, 1, "CREATE INDEX", null, null));
    }

    @Test
    void whatCannotRunInATransactionBlockOrDoBlockIsSentAsItIs() {
        for (String sql : new String[]{"CREATE INDEX CONCURRENTLY i ON orders (id)", "VACUUM orders",
                "REINDEX SCHEMA public", "EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1", "CREATE TABLE t AS SELECT $1::int",
                "DO $$ BEGIN PERFORM 1; END $$"}) {
            GateVerdict v = gate.decide(new GateRequest(Dialect.POSTGRESQL, APP, sql, GateRequest.Origin.PG_PARSE, false, "c1"));
            if (v instanceof GateVerdict.Forward f) {
                // Forwarded as sent, or a staged plan's stand-in (REINDEX SCHEMA is rebuilt in the background).
                assertThat(f.sql()).as(sql).satisfiesAnyOf(t -> assertThat(t).isNull(),
                        t -> assertThat(t).doesNotContain("lock_timeout"));
                assertThat(f.guard() == null || f.guard().maxAttempts() == 1).as(sql).isTrue();
            }
        }
        GateVerdict.Forward batch = forward(Dialect.POSTGRESQL, GateRequest.Origin.PG_QUERY, true,
                "CREATE TABLE a (id int); CREATE TABLE b (id int)");
        assertThat(batch.guard()).as("several statements inside a transaction block").isNull();
    }

    @Test
    void mysqlSetsAndRestoresTheSessionTimeoutAroundTheClientsOwnBytes() {
        GateVerdict.Forward f = forward(Dialect.MYSQL, GateRequest.Origin.MYSQL_COM_QUERY, false, "CREATE TABLE t (id int)");
        assertThat(f.sql()).as("the client's own packets").isNull();
        assertThat(f.guard()).isEqualTo(new GateVerdict.LockGuard(0, 5, null,
                "SET @schemagate_lock_wait_timeout = @@SESSION.lock_wait_timeout, SESSION lock_wait_timeout = 2",
                "SET SESSION lock_wait_timeout = @schemagate_lock_wait_timeout, @schemagate_lock_wait_timeout = NULL"));
    }

    @Test
    void mysqlRetriesOnlyOneSchemaChangeOutsideATransaction() {
        assertThat(forward(Dialect.MYSQL, GateRequest.Origin.MYSQL_COM_QUERY, true, "CREATE TABLE t (id int)").guard().maxAttempts())
                .isEqualTo(1);
        assertThat(forward(Dialect.MYSQL, GateRequest.Origin.MYSQL_COM_QUERY, false, "CREATE TABLE t (id int); CREATE TABLE u (id int)")
                .guard().maxAttempts()).isEqualTo(1);
        assertThat(forward(Dialect.MYSQL, GateRequest.Origin.MYSQL_COM_STMT_PREPARE, false, "CREATE TABLE t (id int)").guard())
                .as("a server-side prepared statement runs later, in COM_STMT_EXECUTE").isNull();
    }
}
