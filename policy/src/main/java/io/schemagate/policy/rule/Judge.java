package io.schemagate.policy.rule;

import io.schemagate.policy.Decision;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.Principal;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.check.Catalog;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.CheckRunner;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.plan.Plan;
import io.schemagate.policy.plan.Planner;
import io.schemagate.policy.plan.Planning;
import io.schemagate.policy.sql.UseStatements;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import io.schemagate.policy.ddl.TableRef;
import java.util.Set;

/**
 * The whole judgement of a query string: analyse, run the checks, ask the planner for a staged plan
 * when something was found, and let the policy decide each statement. The one path shared by
 * {@code schemagate check}, {@code schemagate policy test} and the gateway.
 */
public final class Judge {

    /** Splits and analyses a query string in one dialect and server version. */
    @FunctionalInterface
    public interface Analysis {
        List<AnalyzedStatement> analyze(String sql, Dialect dialect, ServerVersion version);
    }

    /** What the planner makes of a statement with findings: a staged plan, or why there is none (null: not asked). */
    @FunctionalInterface
    public interface Plans {
        Plans NONE = (statement, findings, context) -> null;

        /**
         * The planner of the statement's dialect, planning in the context the checks judged the
         * statement in (tables created earlier in the batch, open transaction, lock timeout).
         */
        static Plans planner() {
            return (statement, findings, context) -> Planner.forDialect(statement.dialect()).plan(statement, context);
        }

        Planning plan(AnalyzedStatement statement, List<Finding> findings, CheckContext context);
    }

    /**
     * One query string to judge.
     *
     * @param lockTimeoutSet the session has a lock timeout before the first statement (the gateway sets
     *                       its own; a migration file read by {@code check} has none unless it says so)
     * @param tablesCreatedInTransaction tables the session created earlier in its still open transaction:
     *                       no other session can see them yet, so changing them blocks nobody
     */
    public record Request(String sql, Dialect dialect, ServerVersion version, Principal principal, Catalog catalog,
                          boolean inTransactionBlock, boolean lockTimeoutSet, Set<TableRef> tablesCreatedInTransaction) {
        public Request {
            Objects.requireNonNull(sql, "sql must not be null");
            Objects.requireNonNull(dialect, "dialect must not be null");
            version = version == null ? ServerVersion.defaultFor(dialect) : version;
            catalog = catalog == null ? Catalog.NONE : catalog;
            tablesCreatedInTransaction = tablesCreatedInTransaction == null ? Set.of() : Set.copyOf(tablesCreatedInTransaction);
        }

        public Request(String sql, Dialect dialect, ServerVersion version, Principal principal, Catalog catalog,
                       boolean inTransactionBlock, boolean lockTimeoutSet) {
            this(sql, dialect, version, principal, catalog, inTransactionBlock, lockTimeoutSet, Set.of());
        }
    }

    /**
     * One statement's judgement; {@code decision.findings()} holds every finding, the engine's included.
     *
     * @param plan       the staged plan, or null
     * @param noPlanWhy  why the planner has no safe staging for it, or null
     */
    public record Judgement(AnalyzedStatement statement, Plan plan, String noPlanWhy, Decision decision) {
        public List<Finding> findings() {
            return decision.findings();
        }
    }

    private final PolicyEngine engine;
    private final Analysis analysis;
    private final Plans plans;

    public Judge(PolicyEngine engine, Analysis analysis, Plans plans) {
        this.engine = Objects.requireNonNull(engine, "engine must not be null");
        this.analysis = Objects.requireNonNull(analysis, "analysis must not be null");
        this.plans = Objects.requireNonNull(plans, "plans must not be null");
    }

    public PolicyEngine engine() {
        return engine;
    }

    public List<Judgement> judge(Request request) {
        List<AnalyzedStatement> statements = analysis.analyze(request.sql(), request.dialect(), request.version());
        CheckRunner.Session session = new CheckRunner.Session(request.version(), request.catalog(),
                request.inTransactionBlock(), request.lockTimeoutSet(), request.tablesCreatedInTransaction());
        List<CheckRunner.Result> results = CheckRunner.forDialect(request.dialect()).run(statements, session);
        List<Judgement> out = new ArrayList<>(results.size());
        int previousEnd = 0;
        Principal principal = request.principal();
        for (CheckRunner.Result r : results) {
            // A statement's annotation is the comment written before it, after the statement before.
            int end = Math.min(request.sql().length(), Math.max(previousEnd, r.statement().offset() + r.statement().sql().length()));
            java.util.Map<String, String> annotations = io.schemagate.policy.Annotations.of(request.sql().substring(previousEnd, end));
            previousEnd = end;
            String switchedTo = request.dialect() == Dialect.MYSQL ? UseStatements.database(r.statement().sql()) : null;
            if (switchedTo != null) {
                // The statements after a USE in the same string run in that database.
                Principal p = principal == null ? Subject.NOBODY : principal;
                principal = new Principal(p.user(), switchedTo, p.clientAddress(), p.applicationName(), p.tlsIdentity());
            }
            if (!judged(r.statement())) {
                continue;
            }
            CheckContext context = r.context() != null ? r.context()
                    : new CheckContext(session.serverVersion(), session.catalog(), session.inTransactionBlock(), Set.of(),
                    session.lockTimeoutSet(), Set.of());
            Planning planning = r.findings().isEmpty() ? null : plans.plan(r.statement(), r.findings(), context);
            Plan plan = planning instanceof Planning.Staged staged ? staged.plan() : null;
            String why = planning instanceof Planning.Unsupported u ? u.reason() : null;
            Decision d = engine.decide(new Subject(r.statement(), r.findings(), plan, principal,
                    request.catalog(), annotations));
            out.add(new Judgement(r.statement(), plan, why, d));
        }
        return out;
    }

    /** Statements the policy decides: DDL and anything that might be (UNKNOWN, OPAQUE). */
    private static boolean judged(AnalyzedStatement st) {
        return switch (st.statementClass()) {
            case DDL, OPAQUE, UNKNOWN -> true;
            case NOT_DDL, TRANSACTION_CONTROL, SESSION -> false;
        };
    }
}
