package io.schemagate.policy.check;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.StatementClass;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fail closed: a statement the analyser could not read (UNKNOWN), code whose effect cannot be seen from
 * its text (OPAQUE: DO, CALL, PREPARE ... FROM, EXECUTE), or a sub-command it did not understand is
 * never called safe. The runner reports whole statements; this check reports {@link Operation.Unknown}.
 */
public final class UnknownStatement implements Check {
    public static final String ID = "unknown-statement";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL, Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.Unknown unknown)) {
            return List.of();
        }
        return Predicates.report(ID,
                "Part of this statement could not be analysed (" + unknown.reason() + "), so its locks and rewrites "
                        + "are unknown and it cannot be called safe.", HELP, op);
    }

    /** The finding for a whole UNKNOWN or OPAQUE statement, if it is one. */
    public static Optional<Finding> forStatement(AnalyzedStatement statement) {
        if (statement.statementClass() != StatementClass.UNKNOWN && statement.statementClass() != StatementClass.OPAQUE) {
            return Optional.empty();
        }
        String what = statement.statementClass() == StatementClass.OPAQUE
                ? "runs code whose schema changes cannot be seen from its text"
                : "could not be analysed";
        return Optional.of(new Finding(ID, "The statement " + what + " (" + statement.unknownReason()
                + "), so it cannot be called safe.", HELP, null));
    }

    private static final String HELP = "Write the change as plain DDL the gateway can read (one statement per "
            + "change, no executable comments or dynamic SQL), or have it approved as an exception.";
}
