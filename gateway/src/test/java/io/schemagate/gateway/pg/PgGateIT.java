package io.schemagate.gateway.pg;

import io.schemagate.gateway.testing.LeakWatch;
import io.schemagate.gateway.testing.PgGateway;
import io.schemagate.gateway.testing.TestServers;
import io.schemagate.pg.message.backend.TransactionStatus;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.gate.StatementGate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query and Parse go through the statement gate; its verdicts, answered from another thread, are
 * carried out in both query flows with PostgreSQL's own error semantics.
 */
class PgGateIT {

    /** Refuses statements with REFUSE_ME, rewrites those with REWRITE_ME, fails on GATE_BREAKS. */
    static final class MarkerGate implements StatementGate {
        final List<GateRequest> seen = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<GateVerdict> judge(GateRequest request) {
            seen.add(request);
            // Answer from another thread, as a gate doing I/O would.
            return CompletableFuture.supplyAsync(() -> {
                if (request.sql().contains("GATE_BREAKS")) {
                    throw new IllegalStateException("policy store unreachable");
                }
                if (request.sql().contains("REFUSE_ME")) {
                    return new GateVerdict.Refuse("42501", 0, "refused by the test gate", "rule test-marker",
                            "remove the marker");
                }
                if (request.sql().contains("REWRITE_ME")) {
                    return new GateVerdict.Forward("SELECT 'rewritten'::text", List.of("rewritten by the test gate"));
                }
                return GateVerdict.Forward.UNCHANGED;
            });
        }
    }

    private static final MarkerGate gate = new MarkerGate();
    private static PgGateway gateway;
    private static String db;

    @BeforeAll
    static void start() throws Exception {
        db = TestServers.createPgDatabase("gate");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int primary key, note text)");
        }
        gateway = PgGateway.to(TestServers.pgHostPort()).gate(gate).start();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        TestServers.dropPgDatabase(db);
        assertThat(LeakWatch.collect()).isEmpty();
    }

    private static Connection connect(String queryMode) throws SQLException {
        Properties p = new Properties();
        p.setProperty("preferQueryMode", queryMode);
        return gateway.connect(db, p);
    }

    private static void assertRefused(SQLException e) {
        assertThat(e.getSQLState()).isEqualTo("42501");
        ServerErrorMessage m = ((PSQLException) e).getServerErrorMessage();
        assertThat(m.getMessage()).isEqualTo("refused by the test gate");
        assertThat(m.getDetail()).isEqualTo("rule test-marker");
        assertThat(m.getHint()).isEqualTo("remove the marker");
    }

    private static int one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void simpleQueryRefusedAndTheConnectionGoesOn() throws Exception {
        try (Connection c = connect("simple"); Statement s = c.createStatement()) {
            SQLException e = (SQLException) catchThrown(() -> s.execute("SELECT 1 /* REFUSE_ME */"));
            assertRefused(e);
            assertThat(one(s, "SELECT 7")).isEqualTo(7);
        }
        assertThat(gate.seen).anySatisfy(r -> {
            assertThat(r.sql()).isEqualTo("SELECT 1 /* REFUSE_ME */");
            assertThat(r.origin()).isEqualTo(GateRequest.Origin.PG_QUERY);
            assertThat(r.principal().database()).isEqualTo(db);
        });
    }

    @Test
    void extendedQueryRefusedAndTheConnectionGoesOn() throws Exception {
        try (Connection c = connect("extended"); PreparedStatement ps = c.prepareStatement("SELECT ? /* REFUSE_ME */")) {
            ps.setInt(1, 1);
            assertRefused((SQLException) catchThrown(ps::executeQuery));
            try (Statement s = c.createStatement()) {
                assertThat(one(s, "SELECT 8")).isEqualTo(8);
            }
        }
        assertThat(gate.seen).anySatisfy(r -> assertThat(r.origin()).isEqualTo(GateRequest.Origin.PG_PARSE));
    }

    @Test
    void refusalInsideATransactionFailsItAsTheServerWould() throws Exception {
        try (Connection c = connect("extended"); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO t VALUES (100, 'in tx')");
            assertRefused((SQLException) catchThrown(() -> s.execute("SELECT 1 /* REFUSE_ME */")));
            assertThat(catchThrown(() -> s.execute("SELECT 1")))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25P02"));
            c.rollback();
            c.setAutoCommit(true);
            assertThat(one(s, "SELECT count(*) FROM t WHERE id = 100")).isZero();
        }
        assertThat(gate.seen).anySatisfy(r -> {
            assertThat(r.sql()).contains("REFUSE_ME");
            assertThat(r.inTransactionBlock()).isTrue();
        });
    }

    @Test
    void transactionStatusAfterARefusalIsFailed() throws Exception {
        try (Connection c = connect("simple"); Statement s = c.createStatement()) {
            int pid = one(s, "SELECT pg_backend_pid()");
            c.setAutoCommit(false);
            s.execute("SELECT 1");
            catchThrown(() -> s.execute("SELECT 2 /* REFUSE_ME */"));
            assertThat(gateway.listener().sessions().byBackendPid(pid).txStatus()).isEqualTo(TransactionStatus.FAILED);
            c.rollback();
            assertThat(gateway.listener().sessions().byBackendPid(pid).txStatus()).isEqualTo(TransactionStatus.IDLE);
        }
    }

    @Test
    void refusedStatementInAPipelinedBatchFailsTheBatch() throws Exception {
        try (Connection c = connect("extended"); Statement s = c.createStatement()) {
            s.addBatch("INSERT INTO t VALUES (1, 'a')");
            s.addBatch("INSERT INTO t VALUES (2, 'b')");
            s.addBatch("INSERT INTO t VALUES (3, 'REFUSE_ME')");
            s.addBatch("INSERT INTO t VALUES (4, 'd')");
            Throwable e = catchThrown(s::executeBatch);
            assertThat(e).isInstanceOf(BatchUpdateException.class);
            assertRefused(((BatchUpdateException) e).getNextException());
            // One Sync for the whole batch: an implicit transaction, rolled back by the error.
            assertThat(one(s, "SELECT count(*) FROM t WHERE id BETWEEN 1 AND 4")).isZero();
        }
    }

    @Test
    void rewrittenStatementRunsInPlaceOfTheOriginalWithANotice() throws Exception {
        for (String mode : List.of("simple", "extended")) {
            try (Connection c = connect(mode); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 'original' /* REWRITE_ME */")) {
                rs.next();
                assertThat(rs.getString(1)).as(mode).isEqualTo("rewritten");
                SQLWarning w = s.getWarnings();
                assertThat((Throwable) w).as(mode).isNotNull();
                assertThat(w.getMessage()).contains("rewritten by the test gate");
            }
        }
    }

    @Test
    void aGateThatFailsRefusesTheStatement() throws Exception {
        try (Connection c = connect("simple"); Statement s = c.createStatement()) {
            Throwable e = catchThrown(() -> s.execute("SELECT 'GATE_BREAKS'"));
            assertThat(((SQLException) e).getSQLState()).isEqualTo("XX000");
            assertThat(e.getMessage()).contains("the gateway could not check this statement");
            assertThat(one(s, "SELECT 9")).isEqualTo(9);
        }
    }

    private static Throwable catchThrown(ThrowingRunnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected an exception");
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
