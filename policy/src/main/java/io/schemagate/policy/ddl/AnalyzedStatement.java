package io.schemagate.policy.ddl;

import io.schemagate.policy.Dialect;

import java.util.List;
import java.util.Objects;

/**
 * One statement of a query string, with what the analyser made of it.
 *
 * @param sql            the statement's own text (without the separator)
 * @param offset         where it starts in the query string it came from (characters)
 * @param line           1-based line of its start in that string, for linters' output
 * @param dialect        the dialect it was read as
 * @param statementClass what kind of statement it is
 * @param operations     the schema changes it makes, in order; empty unless {@code statementClass} is DDL
 * @param onlineOptions  MySQL ALGORITHM / LOCK clauses, {@link OnlineDdlOptions#NONE} otherwise
 * @param unknownReason  why the statement is UNKNOWN or OPAQUE, else null
 */
public record AnalyzedStatement(String sql, int offset, int line, Dialect dialect, StatementClass statementClass,
                                List<Operation> operations, OnlineDdlOptions onlineOptions, String unknownReason) {
    public AnalyzedStatement {
        Objects.requireNonNull(sql, "sql must not be null");
        Objects.requireNonNull(dialect, "dialect must not be null");
        Objects.requireNonNull(statementClass, "statementClass must not be null");
        operations = List.copyOf(operations);
        onlineOptions = onlineOptions == null ? OnlineDdlOptions.NONE : onlineOptions;
        if ((statementClass == StatementClass.UNKNOWN || statementClass == StatementClass.OPAQUE)
                && unknownReason == null) {
            throw new IllegalArgumentException("an UNKNOWN or OPAQUE statement must carry its reason");
        }
    }

    /** True when every operation was understood, so a check may call the statement safe. */
    public boolean fullyUnderstood() {
        return statementClass != StatementClass.UNKNOWN && statementClass != StatementClass.OPAQUE
                && operations.stream().noneMatch(op -> op instanceof Operation.Unknown);
    }
}
