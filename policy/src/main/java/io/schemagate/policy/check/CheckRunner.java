package io.schemagate.policy.check;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.ddl.TableRef;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Applies the checks of a dialect to a batch of analysed statements (a query string, a migration file),
 * keeping what each statement tells about the next: tables created earlier, BEGIN ... COMMIT, a lock
 * timeout set, constraints added NOT VALID in the open transaction, and the batch's own catalog changes.
 * UNKNOWN and OPAQUE statements always give an {@code unknown-statement} finding (fail closed).
 */
public final class CheckRunner {

    /**
     * The findings for one statement, in the order the checks are registered, and the context they were
     * judged in (the batch's catalog, tables created earlier, transaction state): plan with the same one.
     */
    public record Result(AnalyzedStatement statement, List<Finding> findings, CheckContext context) {
        public Result {
            Objects.requireNonNull(statement, "statement must not be null");
            findings = List.copyOf(findings);
        }

        public Result(AnalyzedStatement statement, List<Finding> findings) {
            this(statement, findings, null);
        }

        public boolean clean() {
            return findings.isEmpty();
        }
    }

    /**
     * Where the batch starts.
     *
     * @param serverVersion      the server's version
     * @param catalog            live facts, or {@link Catalog#NONE}
     * @param inTransactionBlock the session is already inside a transaction block
     * @param lockTimeoutSet     the session already has a lock timeout (the gateway sets one itself)
     * @param tablesCreatedEarlier tables the session created earlier in its open transaction (not yet
     *                           visible to any other session), exempt as if created earlier in the batch
     */
    public record Session(ServerVersion serverVersion, Catalog catalog, boolean inTransactionBlock,
                          boolean lockTimeoutSet, Set<TableRef> tablesCreatedEarlier) {
        public Session {
            Objects.requireNonNull(serverVersion, "serverVersion must not be null");
            Objects.requireNonNull(catalog, "catalog must not be null");
            tablesCreatedEarlier = tablesCreatedEarlier == null ? Set.of() : Set.copyOf(tablesCreatedEarlier);
        }

        public Session(ServerVersion serverVersion, Catalog catalog, boolean inTransactionBlock, boolean lockTimeoutSet) {
            this(serverVersion, catalog, inTransactionBlock, lockTimeoutSet, Set.of());
        }
    }

    private final List<Check> checks;

    public CheckRunner(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    public static CheckRunner forDialect(Dialect dialect) {
        return new CheckRunner(Checks.forDialect(dialect));
    }

    public List<Result> run(List<AnalyzedStatement> statements, Session session) {
        BatchCatalog catalog = new BatchCatalog(session.catalog());
        boolean inTransaction = session.inTransactionBlock();
        boolean lockTimeout = session.lockTimeoutSet();
        Set<TableRef> created = new HashSet<>(session.tablesCreatedEarlier());
        Set<String> notValid = new HashSet<>();
        List<Result> results = new ArrayList<>();
        for (AnalyzedStatement statement : statements) {
            CheckContext ctx = new CheckContext(session.serverVersion(), catalog, inTransaction, created, lockTimeout,
                    notValid);
            results.add(new Result(statement, check(statement, ctx), ctx));
            switch (statement.statementClass()) {
                case TRANSACTION_CONTROL -> {
                    SessionStatements.Transaction t = SessionStatements.transaction(statement.sql());
                    if (t != SessionStatements.Transaction.OTHER) {
                        inTransaction = t == SessionStatements.Transaction.BEGIN;
                        notValid.clear();
                    }
                }
                case SESSION -> lockTimeout = SessionStatements.lockTimeout(statement.sql()).orElse(lockTimeout);
                case DDL -> {
                    for (Operation op : statement.operations()) {
                        learn(op, inTransaction, created, notValid);
                        catalog.record(op);
                    }
                    // MySQL commits the open transaction implicitly before and after every DDL statement.
                    if (statement.dialect() == Dialect.MYSQL) {
                        inTransaction = false;
                        notValid.clear();
                    }
                }
                default -> {
                }
            }
        }
        return results;
    }

    /** The findings for one statement in a given context. */
    public List<Finding> check(AnalyzedStatement statement, CheckContext ctx) {
        List<Finding> findings = new ArrayList<>();
        UnknownStatement.forStatement(statement).ifPresent(findings::add);
        if (statement.statementClass() != StatementClass.DDL) {
            return findings;
        }
        for (Operation op : statement.operations()) {
            for (Check check : checks) {
                if (check.dialects().contains(statement.dialect())) {
                    findings.addAll(check.check(op, statement, ctx));
                }
            }
        }
        return findings;
    }

    private static void learn(Operation op, boolean inTransaction, Set<TableRef> created, Set<String> notValid) {
        if (op instanceof Operation.CreateTable ct) {
            created.add(ct.table());
        } else if (op instanceof Operation.RenameTable r
                && created.stream().anyMatch(t -> Predicates.sameTable(t, r.table()))) {
            created.add(r.newName());
        } else if (op instanceof Operation.AddConstraint add && inTransaction && add.constraint().notValid()
                && add.constraint().name() != null && add.constraint().kind() != ConstraintKind.NOT_NULL) {
            notValid.add(add.constraint().name());
        }
    }
}
