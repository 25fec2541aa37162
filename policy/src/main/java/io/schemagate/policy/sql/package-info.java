/**
 * The hot-path SQL lexer. {@link io.schemagate.policy.sql.SqlLexer#mayContainDdl(byte[], int, int)} tells a
 * protocol listener, without allocating, whether a query string must go to the
 * {@link io.schemagate.policy.gate.StatementGate}; {@link io.schemagate.policy.sql.SqlLexer#split(String)}
 * cuts a query string into {@link io.schemagate.policy.sql.StatementSpan}s for the analysers and linters.
 * Create one lexer per listener with {@code SqlLexer.forServer(version)} once the server version is known
 * (MySQL executable comments depend on it), and {@code withBackslashMode(...)} when the session's
 * {@code standard_conforming_strings} / {@code NO_BACKSLASH_ESCAPES} is known.
 */
package io.schemagate.policy.sql;
