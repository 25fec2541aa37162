package io.schemagate.gateway.gate;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.plan.Step;
import io.schemagate.policy.sql.SqlLexer;
import io.schemagate.policy.sql.SqlTokenCursor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Puts a short lock timeout on a schema change the gateway forwards on the client's connection, so
 * that it gives up instead of queueing behind a long transaction while every later query on the table
 * queues behind it, and retries it with back-off a bounded number of times before the client gets the
 * server's lock-timeout error. The client's own session setting is never changed.
 *
 * <ul>
 *   <li>PostgreSQL, simple query outside a transaction block: {@code SET LOCAL lock_timeout = '…';}
 *       before the statement. Several statements in one Query run as one implicit transaction, so the
 *       setting ends with the statement; the SET's result is hidden from the client, the statement
 *       keeps its command tag, and the listener sends the Query again after a 55P03.</li>
 *   <li>PostgreSQL, a Parse (extended protocol: pgjdbc's default, Flyway) or a Query inside a
 *       transaction block holding one statement: a DO block ({@link PgLockTimeout}) that sets the
 *       timeout transaction-locally and retries the statement in a subtransaction; the listener shows
 *       the statement's own command tag in place of {@code DO} where {@link PgCommandTags} knows it.</li>
 *   <li>MariaDB, COM_QUERY: {@code SET STATEMENT lock_wait_timeout=N FOR …}, for that statement only.</li>
 *   <li>MySQL, COM_QUERY: two statements of the gateway's own on the client's connection, whose results
 *       the client never sees: one saves {@code @@SESSION.lock_wait_timeout} in the user variable
 *       {@code @schemagate_lock_wait_timeout} and sets the timeout, the other, after the statement's
 *       last attempt, puts the saved value back and clears the variable.</li>
 *   <li>MySQL and MariaDB retry on error 1205 only outside a transaction and for a query string that is
 *       one understood schema change: it commits on its own, so a failed attempt changed nothing.</li>
 *   <li>Not guarded (the client's own settings apply): PostgreSQL statements that cannot run inside a
 *       transaction block or a function (CONCURRENTLY, VACUUM, CREATE / DROP DATABASE, ALTER SYSTEM,
 *       REINDEX SCHEMA / DATABASE / SYSTEM, CLUSTER of every table, ...), statements the analyser did not
 *       fully understand (DO, CALL, unknown syntax: they may control transactions themselves), a
 *       PostgreSQL query string of several statements inside a transaction block, statements that
 *       return rows or take parameters ({@code EXPLAIN}, {@code SELECT … INTO}, {@code $1}), and MySQL
 *       server-side prepared statements (COM_STMT_PREPARE).</li>
 * </ul>
 */
final class LockGuards {

    /** Statements PostgreSQL refuses inside a transaction block (the implicit one included). */
    private static final Set<String> OUTSIDE_TRANSACTION = Set.of("vacuum", "create-database", "drop-database",
            "create-tablespace", "drop-tablespace", "alter-system", "refresh-materialized-view-concurrently");

    /** First words of the PostgreSQL statements a DO block may EXECUTE in its place (no rows, no INTO). */
    private static final Set<String> DO_FIRST_WORDS = Set.of("CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE",
            "TRUNCATE", "SECURITY", "REINDEX", "CLUSTER", "REFRESH", "REASSIGN", "IMPORT", "ANALYZE");

    private static final SqlLexer PG_LEXER = SqlLexer.forDialect(Dialect.POSTGRESQL);

    /** The user variable the MySQL form keeps the session's lock_wait_timeout in while the statement runs. */
    static final String MYSQL_SAVED = "@schemagate_lock_wait_timeout";

    private LockGuards() {
    }

    /** The guarded text and what the listener must do with it; {@code sql} null: the client's own bytes. */
    record Guarded(String sql, GateVerdict.LockGuard guard) {
    }

    /** How the statement {@code st}, sent as the whole of {@code req}'s text, is guarded; null when it is sent unguarded. */
    static Guarded guard(GateRequest req, ServerVersion version, AnalyzedStatement st, Duration timeout, int attempts) {
        if (off(timeout)) {
            return null;
        }
        boolean alone = SqlText.sameStatement(req.sql(), st.sql());
        if (req.dialect() == Dialect.POSTGRESQL) {
            if (!understood(st) || !transactional(st)) {
                return null;
            }
            if (req.origin() == GateRequest.Origin.PG_QUERY && !req.inTransactionBlock()) {
                return new Guarded(setLocal(timeout) + req.sql(), new GateVerdict.LockGuard(1, attempts));
            }
            String wrapped = alone ? pgDoBlock(st.sql(), timeout, attempts) : null;
            return wrapped == null ? null
                    : new Guarded(wrapped, new GateVerdict.LockGuard(0, 1, PgCommandTags.of(st.sql()), null, null));
        }
        if (req.origin() != GateRequest.Origin.MYSQL_COM_QUERY) {
            return null;
        }
        int tries = alone && understood(st) && !req.inTransactionBlock() ? attempts : 1;
        return mysql(version, null, req.sql(), timeout, tries);
    }

    /**
     * How the in-band steps of a staged plan run in place of {@code original} on the client's connection:
     * under the policy's lock timeout ({@code policyTimeout}), or each step's own when the policy has none.
     * Null when neither is set or no form applies; the steps are then sent as they are.
     */
    static Guarded inBand(GateRequest req, ServerVersion version, AnalyzedStatement original, List<Step.Sql> steps,
                          Duration policyTimeout, int attempts) {
        Step.Sql last = steps.get(steps.size() - 1);
        Duration timeout = off(policyTimeout) ? last.lockTimeout() : policyTimeout;
        int tries = last.maxAttempts() > 0 ? Math.min(attempts, last.maxAttempts()) : attempts;
        if (off(timeout)) {
            return null;
        }
        int extra = steps.size() - 1;
        if (req.dialect() == Dialect.POSTGRESQL) {
            if (req.origin() == GateRequest.Origin.PG_QUERY && !req.inTransactionBlock() && transactional(original)) {
                String joined = String.join("; ", steps.stream().map(Step.Sql::sql).toList());
                return new Guarded(setLocal(timeout) + joined, new GateVerdict.LockGuard(1 + extra, tries));
            }
            // One DO block per step: a Parse carries one step only (the gate refuses more), a Query may carry several.
            List<String> parts = new ArrayList<>();
            for (Step.Sql s : steps) {
                Duration own = off(policyTimeout) ? s.lockTimeout() : policyTimeout;
                String wrapped = off(own) ? null : PgLockTimeout.wrap(s.sql(), own, tries);
                parts.add(wrapped == null ? s.sql() : wrapped);
            }
            return new Guarded(String.join("; ", parts), new GateVerdict.LockGuard(extra, 1,
                    PgCommandTags.of(original.sql()), null, null));
        }
        if (req.origin() != GateRequest.Origin.MYSQL_COM_QUERY || extra > 0) {
            return null;
        }
        return mysql(version, last.sql(), last.sql(), timeout, req.inTransactionBlock() ? 1 : tries);
    }

    /**
     * For a PostgreSQL staged plan with no in-band step, whose place a DO block takes (a no-op, or the
     * check that the index name is free): the statement's own command tag to show for it, or null.
     */
    static GateVerdict.LockGuard standIn(GateRequest req, AnalyzedStatement original) {
        String tag = req.dialect() == Dialect.POSTGRESQL ? PgCommandTags.of(original.sql()) : null;
        return tag == null ? null : new GateVerdict.LockGuard(0, 1, tag, null, null);
    }

    /**
     * MariaDB: the statement-scoped setting. MySQL: hidden statements before and after that set and
     * restore the session's lock_wait_timeout, which is whole seconds.
     *
     * @param forwarded the text to send when it is not the client's own, else null
     * @param sql       the statement's text
     */
    private static Guarded mysql(ServerVersion version, String forwarded, String sql, Duration timeout, int tries) {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        if (version.isMariaDb()) {
            return new Guarded("SET STATEMENT lock_wait_timeout=" + seconds + " FOR " + sql,
                    new GateVerdict.LockGuard(0, tries));
        }
        return new Guarded(forwarded, new GateVerdict.LockGuard(0, tries, null,
                "SET " + MYSQL_SAVED + " = @@SESSION.lock_wait_timeout, SESSION lock_wait_timeout = " + seconds,
                "SET SESSION lock_wait_timeout = " + MYSQL_SAVED + ", " + MYSQL_SAVED + " = NULL"));
    }

    private static String setLocal(Duration timeout) {
        return "SET LOCAL lock_timeout = '" + timeout.toMillis() + "ms'; ";
    }

    private static boolean off(Duration timeout) {
        return timeout == null || timeout.isZero() || timeout.isNegative();
    }

    /** The DO block for one PostgreSQL statement, or null when the statement cannot stand inside one. */
    private static String pgDoBlock(String sql, Duration timeout, int attempts) {
        byte[] b = sql.getBytes(StandardCharsets.UTF_8);
        SqlTokenCursor c = PG_LEXER.tokens(b, 0, b.length);
        if (c.next() != SqlTokenCursor.Kind.WORD || !DO_FIRST_WORDS.contains(c.text().toUpperCase(java.util.Locale.ROOT))) {
            return null;
        }
        // EXECUTE runs the text without the client's Bind values: a statement with $1 stays as it is.
        for (SqlTokenCursor.Kind k = c.next(); k != SqlTokenCursor.Kind.END; k = c.next()) {
            if (k == SqlTokenCursor.Kind.ERROR || k == SqlTokenCursor.Kind.OTHER && b[c.start()] == '$') {
                return null;
            }
        }
        return PgLockTimeout.wrap(sql, timeout, attempts);
    }

    /** A schema change the analyser understood whole: code that may commit or roll back itself (DO, CALL) is not. */
    private static boolean understood(AnalyzedStatement st) {
        return st.statementClass() == StatementClass.DDL && st.fullyUnderstood();
    }

    /** Whether PostgreSQL runs the statement inside a transaction block, and so inside a DO block. */
    private static boolean transactional(AnalyzedStatement st) {
        for (Operation op : st.operations()) {
            boolean outside = op instanceof Operation.CreateIndex c && c.concurrently()
                    || op instanceof Operation.DropIndex d && d.concurrently()
                    || op instanceof Operation.Reindex r && (r.concurrently() || !r.target().startsWith("TABLE ")
                            && !r.target().startsWith("INDEX "))
                    || op instanceof Operation.Partition p && p.concurrently()
                    || op instanceof Operation.TableRewrite t && (t.command().startsWith("vacuum")
                            || t.command().equals("cluster") && t.table() == null)
                    || op instanceof Operation.DropObject o && (o.objectType().equals("database")
                            || o.objectType().equals("tablespace"))
                    || op instanceof Operation.OtherDdl o && OUTSIDE_TRANSACTION.contains(o.statementType());
            if (outside) {
                return false;
            }
        }
        return true;
    }
}
