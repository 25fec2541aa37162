package io.schemagate.gateway.gate;

import io.schemagate.gateway.approval.ApprovalException;
import io.schemagate.gateway.approval.ApprovalService;
import io.schemagate.gateway.approval.ChangeDraft;
import io.schemagate.gateway.approval.ChangeRequest;
import io.schemagate.gateway.audit.AuditLog;
import io.schemagate.gateway.executor.Migration;
import io.schemagate.gateway.executor.MigrationExecutor;
import io.schemagate.gateway.executor.ServiceDatabase;
import io.schemagate.gateway.metrics.GatewayMetrics;
import io.schemagate.policy.Annotations;
import io.schemagate.policy.Decision;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.Principal;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.check.Catalog;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.gate.StatementGate;
import io.schemagate.policy.gate.StatementListener;
import io.schemagate.policy.plan.Plan;
import io.schemagate.policy.plan.Step;
import io.schemagate.policy.rule.Judge;
import io.schemagate.policy.rule.PlanScript;
import io.schemagate.policy.sql.SqlLexer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The gateway's {@link StatementGate}: judges a query string with the policy, records the decision in
 * the audit log (durably, before anything reaches the server), and turns the decision into what the
 * protocol listener does: forward, forward the in-band step of a staged plan, or refuse.
 *
 * <p>Judging runs on its own small thread pool, never on an event loop: analysis is CPU work and the
 * audit write waits for fsync.
 */
public final class GatewayGate implements StatementGate {

    private static final Logger log = LoggerFactory.getLogger(GatewayGate.class);

    /** What a staged plan without an in-band step sends in place of the statement: a no-op the server answers. */
    private static final Map<Dialect, String> NO_OP = Map.of(
            Dialect.POSTGRESQL, "DO $schemagate$ BEGIN END $schemagate$",
            Dialect.MYSQL, "DO 0");

    private static final SqlLexer PG_LEXER = SqlLexer.forDialect(Dialect.POSTGRESQL);
    private static final SqlLexer MYSQL_LEXER = SqlLexer.forDialect(Dialect.MYSQL);

    /** Attempts of a forwarded schema change that keeps hitting its lock timeout, before its error goes to the client. */
    private static final int LOCK_ATTEMPTS = 5;

    private final com.github.benmanes.caffeine.cache.Cache<String, Optional<Object>> catalogCache = LiveCatalog.newCache();
    private final Supplier<Judge> judge;
    private final JudgementAudit audit;
    private final ApprovalService approvals;
    private final MigrationExecutor executor;
    private final ServerVersions versions;
    private final Map<Dialect, String> upstreams;
    private final Executor pool;
    private final TablesInOpenTransactions newTables = new TablesInOpenTransactions();
    private volatile Duration progressEvery = Duration.ofSeconds(5);

    public GatewayGate(Supplier<Judge> judge, AuditLog audit, GatewayMetrics metrics, ApprovalService approvals,
                       MigrationExecutor executor, ServerVersions versions, Map<Dialect, String> upstreams, Executor pool) {
        this.judge = judge;
        this.audit = new JudgementAudit(audit, metrics);
        this.approvals = approvals;
        this.executor = executor;
        this.versions = versions;
        this.upstreams = Map.copyOf(upstreams);
        this.pool = pool;
    }

    /** How often a client waiting for its staged migration (policy {@code wait: true}) hears its progress. */
    public void progressEvery(Duration interval) {
        this.progressEvery = interval;
    }

    /** The byte lexer decides, with no allocation, whether any statement in the text may be DDL. */
    @Override
    public boolean mayNeedJudgement(Dialect dialect, byte[] sql, int from, int to) {
        return (dialect == Dialect.POSTGRESQL ? PG_LEXER : MYSQL_LEXER).mayContainDdl(sql, from, to);
    }

    @Override
    public CompletionStage<GateVerdict> judge(GateRequest request) {
        return CompletableFuture.supplyAsync(() -> decide(request), pool);
    }

    GateVerdict decide(GateRequest req) {
        long start = System.nanoTime();
        Principal who = req.principal() == null ? new Principal(null, null, null, null, null) : req.principal();
        ServerVersion version = versions.of(req.dialect(), who.database());
        List<Judge.Judgement> judgements;
        ServiceDatabase db = versions.database(req.dialect());
        try (LiveCatalog live = db == null ? null : new LiveCatalog(req.dialect(), db, who.database(), version, catalogCache)) {
            judgements = judge.get().judge(new Judge.Request(req.sql(), req.dialect(), version, who,
                    live == null ? Catalog.NONE : live, req.inTransactionBlock(), true, newTables.of(req)));
        } catch (RuntimeException e) {
            // Fail closed: a statement the engine could not judge is not let through.
            log.error("could not judge a statement from {}: {}", who.user(), e.getMessage(), e);
            return GateErrors.reject("schemagate: the statement could not be judged, so it was not run",
                    "internal error: " + e.getMessage(), "send it again; if it keeps failing, report it with the gateway log");
        }
        if (judgements.isEmpty()) {
            return GateVerdict.Forward.UNCHANGED;
        }
        Judge.Judgement worst = Severity.worst(judgements);
        boolean alone = judgements.size() == 1 && SqlText.sameStatement(req.sql(), worst.statement().sql());
        JudgementAudit.Entry entry = new JudgementAudit.Entry(req, who, version, worst, Annotations.of(req.sql()), start);
        try {
            Decision d = worst.decision();
            if (d instanceof Decision.Reject r) {
                return reject(entry, r);
            }
            if (d instanceof Decision.RequireApproval a) {
                return alone ? approval(entry, a) : notAlone(entry, "needs approval");
            }
            if (d instanceof Decision.Rewrite w) {
                if (req.origin() == GateRequest.Origin.MYSQL_COM_STMT_PREPARE) {
                    // A prepared statement runs when executed, perhaps many times: the background steps
                    // could not be tied to its one run.
                    audit.record(entry, "reject", null, null, "staged rewrite of a server-side prepared statement");
                    return GateErrors.unsupported("schemagate: " + oneLine(worst.statement().sql())
                                    + " must run as a staged migration, which the gateway cannot do for a server-side prepared statement",
                            "send it as a plain query (e.g. Statement.execute, or useServerPrepStmts=false)");
                }
                return alone ? rewrite(entry, w) : notAlone(entry, "must run as a staged migration");
            }
            return allow(entry, newTables.watch(req, judgements));
        } catch (CompletionException | ApprovalException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            log.error("refusing a schema change: {}", cause.getMessage());
            return GateErrors.auditUnavailable(cause.getMessage());
        }
    }

    private GateVerdict allow(JudgementAudit.Entry e, StatementListener createsTables) {
        audit.record(e, "allow", null, null, null);
        LockGuards.Guarded g = guarded(e);
        if (g != null) {
            return new GateVerdict.Forward(g.sql(), List.of(), createsTables, g.guard());
        }
        return createsTables == null ? GateVerdict.Forward.UNCHANGED : new GateVerdict.Forward(null, List.of(), createsTables);
    }

    /** The statement under a lock timeout with retries, when the policy sets one and the statement allows it. */
    private LockGuards.Guarded guarded(JudgementAudit.Entry e) {
        return LockGuards.guard(e.request(), e.version(), e.judgement().statement(),
                judge.get().engine().policy().lockTimeout(), LOCK_ATTEMPTS);
    }

    private GateVerdict reject(JudgementAudit.Entry e, Decision.Reject r) {
        audit.record(e, "reject", null, null, null);
        String safe = r.safeAlternative() != null ? r.safeAlternative()
                : e.judgement().plan() != null ? PlanScript.sql(e.judgement().plan()) : null;
        return GateErrors.reject("schemagate: " + r.message(), Explain.detail(r.ruleId(), r.findings()),
                safe == null ? Explain.help(r.findings()) : "safe alternative:\n" + safe);
    }

    private GateVerdict approval(JudgementAudit.Entry e, Decision.RequireApproval a) {
        Principal who = e.principal();
        Optional<ChangeRequest> approved = approvals.claim(e.request().sql(), who.user(), who.database());
        if (approved.isPresent()) {
            ChangeRequest c = approved.get();
            Plan approvedPlan = e.judgement().plan();
            if (approvedPlan != null && !c.proposedPlan().isEmpty()) {
                // What was approved is the staged plan shown in the change request, not the raw statement.
                return rewrite(e, new Decision.Rewrite(a.ruleId(), a.findings(), approvedPlan, false), c);
            }
            audit.record(e, "allow", c, null, "approved change " + c.id());
            List<String> notice = List.of("schemagate: running approved change " + c.id()
                    + " (approved by " + String.join(", ", c.approverNames()) + ")");
            LockGuards.Guarded g = guarded(e);
            return g == null ? new GateVerdict.Forward(null, notice) : new GateVerdict.Forward(g.sql(), notice, null, g.guard());
        }
        Plan plan = e.judgement().plan();
        ChangeRequest c = approvals.request(new ChangeDraft(e.request().sql(), e.request().dialect().name().toLowerCase(java.util.Locale.ROOT),
                who, a.ruleId(), a.findings().stream().map(f -> f.checkId()).distinct().toList(),
                plan == null ? List.of() : PlanText.steps(plan), e.annotations().get("reason"), a.approvals(), a.groups(),
                a.runByGateway()));
        audit.record(e, "require_approval", c, null, null);
        String needs = a.approvals() + " approval" + (a.approvals() == 1 ? "" : "s")
                + (a.groups().isEmpty() ? "" : " from " + String.join(" or ", a.groups()));
        return GateErrors.approvalRequired("schemagate: this change needs approval: change " + c.id(),
                Explain.detail(a.ruleId(), a.findings()) + (a.message() == null ? "" : "\n" + a.message()),
                "it needs " + needs + " (schemagate approvals approve " + c.id() + " --reason ...); "
                        + (a.runByGateway() ? "once approved the gateway runs it itself (schemagate migrations list)"
                        : "then send the same statement again as the same user, within the approval's validity"));
    }

    private GateVerdict rewrite(JudgementAudit.Entry e, Decision.Rewrite w) {
        return rewrite(e, w, null);
    }

    /** @param change the approved change request this carries out, or null */
    private GateVerdict rewrite(JudgementAudit.Entry e, Decision.Rewrite w, ChangeRequest change) {
        Plan plan = w.plan();
        List<Step> steps = plan.steps();
        List<Step> inBand = plan.inBandSteps();
        if (!steps.subList(0, inBand.size()).equals(inBand)) {
            throw new IllegalStateException("plan for " + oneLine(e.request().sql()) + " has an in-band step after a background step");
        }
        if (inBand.size() > 1 && e.request().origin() != GateRequest.Origin.PG_QUERY) {
            // Several statements can stand in for one only in a simple query, which may hold several.
            audit.record(e, "reject", null, null, "staged form needs several in-band statements");
            return GateErrors.unsupported("schemagate: the staged form of " + oneLine(e.judgement().statement().sql())
                            + " runs several statements in place of one, which this protocol message cannot carry",
                    "send it as a simple query (psql, or pgjdbc with preferQueryMode=simple), or run the plan shown by "
                            + "schemagate check yourself");
        }
        String rawInBand = String.join("; ", inBand.stream().map(st -> ((Step.Sql) st).sql()).toList());
        // The client sees the result of the last in-band statement only, as if it had run its own.
        int extraResults = Math.max(0, inBand.size() - 1);
        // The in-band steps run under a lock timeout with retries, keeping the statement's command tag.
        LockGuards.Guarded lock = inBand.isEmpty() ? null : LockGuards.inBand(e.request(), e.version(),
                e.judgement().statement(), inBand.stream().map(st -> (Step.Sql) st).toList(),
                judge.get().engine().policy().lockTimeout(), LOCK_ATTEMPTS);
        String inBandSql;
        GateVerdict.LockGuard lockGuard = null;
        if (inBand.isEmpty()) {
            String indexGuard = e.request().dialect() == Dialect.POSTGRESQL ? PgIndexNameGuard.of(e.judgement()) : null;
            inBandSql = indexGuard != null ? indexGuard : NO_OP.get(e.request().dialect());
            lockGuard = LockGuards.standIn(e.request(), e.judgement().statement());
        } else if (lock != null) {
            inBandSql = lock.sql();
            lockGuard = lock.guard();
        } else {
            inBandSql = rawInBand;
            lockGuard = extraResults > 0 ? new GateVerdict.LockGuard(extraResults, 1) : null;
        }
        int firstBackground = inBand.size();
        Principal who = e.principal();
        Migration m = null;
        if (firstBackground < steps.size()) {
            m = executor.prepare(e.request().dialect().name().toLowerCase(java.util.Locale.ROOT),
                    upstreams.get(e.request().dialect()), who.database(), e.request().sql(), who.user(),
                    change == null ? null : change.id(), plan, firstBackground);
        }
        audit.record(e, "rewrite", change, m == null ? null : m.id(), change == null ? null : "approved change " + change.id());
        if (m == null) {
            List<String> notice = List.of("schemagate: ran the safe form instead: " + oneLine(inBand.isEmpty() ? inBandSql : rawInBand));
            return new GateVerdict.Forward(inBandSql, notice, null, lockGuard);
        }
        return new GateVerdict.Forward(inBandSql, List.of(stagedNotice(e, w, m, steps.size() - firstBackground)),
                new StagedListener(executor, m.id(), waits(e, w) ? new MigrationWait(executor.watch(m), progressEvery) : null, pool),
                lockGuard);
    }

    /**
     * Whether the client waits for the whole plan: the policy asks for it, and the statement is not
     * inside a transaction block, whose commit the background steps must wait for. MySQL commits
     * before a schema change, so there it always can.
     */
    private static boolean waits(JudgementAudit.Entry e, Decision.Rewrite w) {
        return w.waitForCompletion() && !(e.request().dialect() == Dialect.POSTGRESQL && e.request().inTransactionBlock());
    }

    /**
     * The notice naming the migration. MySQL's is short: it becomes a warning, whose text MySQL cuts at
     * 128 characters (SIGNAL's MESSAGE_TEXT), and the client knows its own statement.
     */
    private static String stagedNotice(JudgementAudit.Entry e, Decision.Rewrite w, Migration m, int background) {
        String id = m.id();
        boolean inTx = e.request().inTransactionBlock() && e.request().dialect() == Dialect.POSTGRESQL;
        String show = " (schemagate migrations show " + id + ")";
        if (e.request().dialect() == Dialect.MYSQL) {
            return "schemagate: staged migration " + id + ": " + background + " background step(s) follow" + show;
        }
        return "schemagate: staged migration " + id + ": " + m.plan().summary() + "; " + background + " background step(s) "
                + (waits(e, w) ? "follow; waiting for them" : "follow" + (inTx ? " once this transaction commits" : ""))
                + (w.waitForCompletion() && inTx ? "; wait: true does not apply inside a transaction block" : "") + show;
    }

    /**
     * Carries out an approved change the policy lets the gateway run itself: its staged plan, every
     * step on the gateway's service connection, or the statement as sent when it has no plan. The
     * migration records name the change, so the audit log ties what ran to who approved it.
     */
    public void runApproved(ChangeRequest c) {
        Dialect dialect = Dialect.fromName(c.dialect());
        ServerVersion version = versions.of(dialect, c.database());
        Principal requester = new Principal(c.requester(), c.database(), c.clientAddress(), c.applicationName(), null);
        List<Judge.Judgement> js = judge.get().judge(new Judge.Request(c.statement(), dialect, version, requester,
                Catalog.NONE, false, true));
        Plan plan = js.isEmpty() ? null : js.get(0).plan();
        io.schemagate.policy.ddl.TableRef table = plan != null ? plan.table()
                : js.isEmpty() ? null : js.get(0).statement().operations().stream().map(op -> op.table())
                        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (table == null) {
            // The per-table lock needs a name; a change without a table locks on its own id.
            table = io.schemagate.policy.ddl.TableRef.of(c.id());
        }
        List<Step> steps = plan == null
                ? List.of(new Step.Sql("run the approved statement", Step.Where.BACKGROUND, c.statement(), true, null, 0, null, null))
                : plan.steps().stream().map(GatewayGate::inBackground).toList();
        Plan toRun = new Plan(table, plan == null ? "approved change " + c.id() : plan.summary(), steps);
        Migration m = executor.submit(c.dialect(), upstreams.get(dialect), c.database(), c.statement(), c.requester(),
                c.id(), toRun, 0);
        log.info("approved change {} runs as migration {}", c.id(), m.id());
    }

    /** The same step, run by the gateway instead of in place of a client's statement. */
    private static Step inBackground(Step s) {
        if (s instanceof Step.Sql q && q.where() == Step.Where.IN_BAND) {
            return new Step.Sql(q.description(), Step.Where.BACKGROUND, q.sql(), q.ownTransaction(), q.lockTimeout(),
                    q.maxAttempts(), q.verifySql(), q.rollbackSql());
        }
        return s;
    }

    private GateVerdict notAlone(JudgementAudit.Entry e, String what) {
        audit.record(e, "reject", null, null, "not alone in its batch");
        return GateErrors.unsupported("schemagate: " + oneLine(e.judgement().statement().sql()) + " " + what
                        + ", which cannot happen inside a batch of several statements",
                "send that statement on its own");
    }

    private static String oneLine(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }
}
