package io.schemagate.gateway.gate;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.GateVerdict;

import java.time.Duration;
import java.util.Set;

/**
 * Puts a short lock timeout in front of a schema change the gateway forwards, so that it gives up
 * instead of queueing behind a long transaction while every later query on the table queues behind
 * it; the protocol listener retries it on a lock timeout with back-off.
 *
 * <ul>
 *   <li>PostgreSQL, simple query, outside a transaction block: {@code SET LOCAL lock_timeout = '…';}
 *       before the statement. Several statements in one Query run as one implicit transaction, so the
 *       setting ends with the statement and the client's session is untouched; the SET's own result
 *       is hidden from the client.</li>
 *   <li>MariaDB: {@code SET STATEMENT lock_wait_timeout=… FOR …}, which applies to that statement only.</li>
 *   <li>Not guarded (the client's own settings apply): statements inside a transaction block or sent
 *       with the extended protocol, statements that cannot run inside a transaction block
 *       (CONCURRENTLY, VACUUM, CREATE DATABASE, ...), and MySQL, which has no per-statement form for DDL.</li>
 * </ul>
 */
final class LockGuards {

    /** Statements PostgreSQL refuses inside a transaction block (the implicit one included). */
    private static final Set<String> OUTSIDE_TRANSACTION = Set.of("vacuum", "create-database", "drop-database",
            "create-tablespace", "drop-tablespace", "alter-system", "refresh-materialized-view-concurrently");

    private LockGuards() {
    }

    /** The guarded text for {@code sql}, or null when this statement is sent unguarded. */
    static Guarded guard(GateRequest req, ServerVersion version, AnalyzedStatement st, String sql, Duration timeout, int attempts) {
        if (timeout == null || timeout.isZero() || timeout.isNegative() || req.inTransactionBlock()) {
            return null;
        }
        if (req.dialect() == Dialect.POSTGRESQL) {
            if (req.origin() != GateRequest.Origin.PG_QUERY || !transactional(st)) {
                return null;
            }
            return new Guarded("SET LOCAL lock_timeout = '" + timeout.toMillis() + "ms'; " + sql,
                    new GateVerdict.LockGuard(1, attempts));
        }
        if (version.isMariaDb() && req.origin() == GateRequest.Origin.MYSQL_COM_QUERY) {
            long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
            return new Guarded("SET STATEMENT lock_wait_timeout=" + seconds + " FOR " + sql,
                    new GateVerdict.LockGuard(0, attempts));
        }
        return null;
    }

    /** The guarded text and what the listener must do with it. */
    record Guarded(String sql, GateVerdict.LockGuard guard) {
    }

    private static boolean transactional(AnalyzedStatement st) {
        for (Operation op : st.operations()) {
            boolean concurrent = op instanceof Operation.CreateIndex c && c.concurrently()
                    || op instanceof Operation.DropIndex d && d.concurrently()
                    || op instanceof Operation.Reindex r && r.concurrently()
                    || op instanceof Operation.Partition p && p.concurrently()
                    || op instanceof Operation.TableRewrite t && t.command().startsWith("vacuum")
                    || op instanceof Operation.OtherDdl o && OUTSIDE_TRANSACTION.contains(o.statementType());
            if (concurrent) {
                return false;
            }
        }
        return true;
    }
}
