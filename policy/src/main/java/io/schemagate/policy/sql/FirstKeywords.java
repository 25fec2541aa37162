package io.schemagate.policy.sql;

import io.schemagate.policy.Dialect;

/**
 * Which first keywords the hot path lets through without the full analyser. The tables list what is
 * known NOT to change a schema; everything else (ALTER, CREATE, DROP, TRUNCATE, RENAME, COMMENT, GRANT,
 * REVOKE, REINDEX, CLUSTER, VACUUM, REFRESH, OPTIMIZE, ANALYZE, REPAIR, IMPORT, SECURITY, the opaque
 * DO / CALL and MySQL PREPARE / EXECUTE, and any word we do not know) goes to the analyser. Failing
 * closed this way means a keyword a newer server learns cannot slip past.
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li>SET / RESET pass: they change session settings, not schemas, and every driver sends them at
 *       connect time. (A client's own {@code SET lock_timeout} matters to the gate, which sees the
 *       session through the protocol layer, not through this table.)</li>
 *   <li>PostgreSQL PREPARE is watched and EXECUTE passes: PostgreSQL can only prepare SELECT, INSERT,
 *       UPDATE, DELETE, MERGE and VALUES (gram.y, PreparableStmt), but a prepared {@code SELECT ... INTO t}
 *       creates a table on each EXECUTE, so a PREPARE holding one goes to the analyser (which calls it
 *       opaque). MySQL's PREPARE can hold anything ({@code PREPARE s FROM 'ALTER ...'}), so there PREPARE
 *       and EXECUTE are opaque and go to the analyser.</li>
 *   <li>MySQL DO passes: it only evaluates expressions, and stored functions may not run DDL.</li>
 *   <li>PostgreSQL {@code SELECT ... INTO t} creates a table, and EXPLAIN ANALYZE runs CREATE TABLE AS;
 *       {@link SqlLexer} watches those statements for INTO / CREATE (see there).</li>
 *   <li>PostgreSQL {@code COPY ... FROM / TO PROGRAM} runs a shell command on the server: COPY statements
 *       are watched for the word PROGRAM and then go to the analyser, which calls them opaque.</li>
 *   <li>Server-side functions that run DDL (a PL/pgSQL function called from a SELECT) cannot be seen in
 *       the text; only DO / CALL are flagged as opaque.</li>
 * </ul>
 */
final class FirstKeywords {

    private static final long[] PG_SAFE = Keyword.table(
            "select", "insert", "update", "delete", "merge", "with", "values", "table", "show", "set", "reset",
            "begin", "start", "commit", "rollback", "end", "abort", "savepoint", "release", "prepare", "execute",
            "deallocate", "fetch", "move", "close", "declare", "listen", "notify", "unlisten", "copy", "lock",
            "discard", "checkpoint", "explain");

    private static final long[] MYSQL_SAFE = Keyword.table(
            "select", "insert", "update", "delete", "replace", "with", "values", "table", "show", "set", "begin",
            "start", "commit", "rollback", "savepoint", "release", "describe", "desc", "explain", "use", "handler",
            "lock", "unlock", "do", "xa", "load", "kill", "checksum", "help", "get", "signal", "resignal",
            "deallocate");

    /**
     * PostgreSQL statements in which an INTO (not of INSERT) or a CREATE means a table is made:
     * {@code SELECT ... INTO t}, also after WITH, inside {@code PREPARE p AS SELECT ... INTO t} (the
     * table is made by each EXECUTE), and {@code EXPLAIN ANALYZE CREATE TABLE ... AS}.
     */
    private static final long[] PG_WATCHED = Keyword.table("select", "with", "explain", "prepare");

    private FirstKeywords() {
    }

    static boolean isSafeFirst(Dialect dialect, long code) {
        return Keyword.contains(dialect == Dialect.POSTGRESQL ? PG_SAFE : MYSQL_SAFE, code);
    }

    static final int WATCH_NONE = 0;
    static final int WATCH_MAKES_TABLE = 1;
    static final int WATCH_PROGRAM = 2;
    private static final long COPY = Keyword.encode("COPY");

    /** What else to look for in a statement that starts with {@code code} and passed {@link #isSafeFirst}. */
    static int watch(Dialect dialect, long code) {
        if (dialect != Dialect.POSTGRESQL) {
            return WATCH_NONE;
        }
        if (Keyword.contains(PG_WATCHED, code)) {
            return WATCH_MAKES_TABLE;
        }
        return code == COPY ? WATCH_PROGRAM : WATCH_NONE;
    }
}
