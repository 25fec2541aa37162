/**
 * DDL analysis: statements in, typed {@link io.schemagate.policy.ddl.Operation}s out.
 *
 * <p>Entry point: {@link io.schemagate.policy.ddl.Analyzers#forDialect} gives a thread-safe
 * {@link io.schemagate.policy.ddl.StatementAnalyzer} whose {@code analyze(sql)} returns one
 * {@link io.schemagate.policy.ddl.AnalyzedStatement} per statement (text, offset, line, class, operations,
 * MySQL ALGORITHM / LOCK). {@link io.schemagate.policy.ddl.Analyzers#status} says whether the dialect's
 * parser is usable (libpg_query is a native library that may be missing) and how to fix it.
 *
 * <p>Fail closed: a statement is {@link io.schemagate.policy.ddl.AnalyzedStatement#fullyUnderstood()} only
 * when it parsed and every sub-command became a modelled operation whose facts were all read. Parse errors,
 * unmodelled statements and lexer problems are {@link io.schemagate.policy.ddl.StatementClass#UNKNOWN} with a
 * reason; an unmodelled sub-command of an otherwise understood statement is an
 * {@link io.schemagate.policy.ddl.Operation.Unknown} among the others. Analysers never throw on bad SQL.
 */
package io.schemagate.policy.ddl;
