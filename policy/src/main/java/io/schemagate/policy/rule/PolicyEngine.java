package io.schemagate.policy.rule;

import io.schemagate.policy.Decision;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.StatementClass;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides one statement under a {@link Policy}: rules in order, the first that matches wins, then
 * the defaults. Pure and allocation-light: no I/O, no locks; safe to share between threads.
 */
public final class PolicyEngine {

    private final Policy policy;
    private final Clock clock;
    private final ProtectedObjects contracts;
    private final Set<String> settled;

    public PolicyEngine(Policy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.contracts = new ProtectedObjects(policy.protectedObjects());
        // The gateway puts the policy's lock timeout before every DDL it forwards, so a missing
        // lock timeout in the statement's own session is settled and must not hold it up.
        this.settled = policy.lockTimeout().isZero() ? Set.of() : Set.of(EngineChecks.MISSING_LOCK_TIMEOUT);
    }

    public Policy policy() {
        return policy;
    }

    public Decision decide(Subject subject) {
        List<Finding> findings = allFindings(subject);
        StatementFacts facts = new StatementFacts(subject, findings, settled, clock.instant());
        boolean touchesProtected = facts.checkIds().contains(EngineChecks.PROTECTED_OBJECT);
        for (Rule rule : policy.rules()) {
            // A data contract gives way only to a rule written for it, never to a broad rule that
            // happens to match (an "allow everything for the DBAs" rule must not drop payments).
            if (touchesProtected && !rule.match().checks().contains(EngineChecks.PROTECTED_OBJECT)) {
                continue;
            }
            if (rule.action() instanceof Action.Rewrite && subject.plan() == null) {
                continue;
            }
            if (rule.match().matches(facts, rule.action().loosens())) {
                return decision(rule.id(), rule.action(), subject, findings);
            }
        }
        Defaults.Category category = category(subject.statement(), facts.openCheckIds(), subject.plan() != null);
        return decision(category.ruleId(), policy.defaults().forCategory(category), subject, findings);
    }

    /** The checks' findings plus the engine's own: data contracts, unknown and opaque statements. */
    private List<Finding> allFindings(Subject subject) {
        AnalyzedStatement st = subject.statement();
        List<Finding> out = new ArrayList<>(subject.findings());
        out.addAll(contracts.findings(st));
        if (!st.fullyUnderstood() && out.stream().noneMatch(f -> f.checkId().equals(EngineChecks.UNKNOWN_STATEMENT))) {
            out.add(unknownFinding(st));
        }
        return out;
    }

    private static Finding unknownFinding(AnalyzedStatement st) {
        if (st.statementClass() == StatementClass.OPAQUE) {
            return new Finding(EngineChecks.UNKNOWN_STATEMENT,
                    "The statement runs code whose effect cannot be seen from its text (" + st.unknownReason()
                            + "), so it cannot be called safe.",
                    "Write the schema change as plain DDL so it can be checked, or have it approved.", null);
        }
        String reason = st.unknownReason();
        Operation.Unknown unknown = null;
        for (Operation op : st.operations()) {
            if (op instanceof Operation.Unknown u) {
                unknown = u;
                reason = reason == null ? u.reason() : reason;
                break;
            }
        }
        return new Finding(EngineChecks.UNKNOWN_STATEMENT,
                "The statement could not be fully analysed (" + (reason == null ? "no reason given" : reason)
                        + "), so it cannot be called safe.",
                "Check the SQL for typos; if it is valid, have it approved or report the syntax as unsupported.",
                unknown);
    }

    static Defaults.Category category(AnalyzedStatement st, Set<String> openCheckIds, boolean hasPlan) {
        if (openCheckIds.contains(EngineChecks.PROTECTED_OBJECT)) {
            return Defaults.Category.PROTECTED;
        }
        if (st.statementClass() == StatementClass.OPAQUE) {
            return Defaults.Category.OPAQUE;
        }
        if (!st.fullyUnderstood()) {
            return Defaults.Category.UNKNOWN;
        }
        if (!openCheckIds.isEmpty()) {
            return hasPlan ? Defaults.Category.UNSAFE_WITH_PLAN : Defaults.Category.UNSAFE_WITHOUT_PLAN;
        }
        return Defaults.Category.SAFE;
    }

    private static Decision decision(String ruleId, Action action, Subject subject, List<Finding> findings) {
        if (action instanceof Action.Allow) {
            return new Decision.Allow(ruleId, findings);
        }
        if (action instanceof Action.Rewrite r) {
            if (subject.plan() == null) {
                // Only reachable through a default: a rewrite without a plan must not pass unseen.
                return new Decision.RequireApproval(ruleId, findings, 1, List.of(), null,
                        "needs approval: " + ruleId + " asks for a staged rewrite, but there is no plan for this statement");
            }
            return new Decision.Rewrite(ruleId, findings, subject.plan(), r.waitForCompletion());
        }
        if (action instanceof Action.RequireApproval a) {
            String message = a.message() != null ? a.message() : "needs " + a.count() + " approval"
                    + (a.count() == 1 ? "" : "s") + (a.groups().isEmpty() ? "" : " from " + String.join(" or ", a.groups()))
                    + " (" + ruleId + ")" + reason(findings);
            return new Decision.RequireApproval(ruleId, findings, a.count(), a.groups(), subject.plan(), message, a.runByGateway());
        }
        Action.Reject reject = (Action.Reject) action;
        String message = reject.message() != null ? reject.message() : "rejected by " + ruleId + reason(findings);
        String alternative = subject.plan() == null ? null : PlanScript.sql(subject.plan());
        return new Decision.Reject(ruleId, findings, message, alternative);
    }

    /**
     * The finding that explains the decision best: a broken contract, then an unreadable statement,
     * then the first finding about the change itself; the missing lock timeout only when it is all
     * there is, since the gateway sets its own before forwarding DDL.
     */
    private static String reason(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "";
        }
        Finding best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Finding f : findings) {
            int rank = switch (f.checkId()) {
                case EngineChecks.PROTECTED_OBJECT -> 0;
                case EngineChecks.UNKNOWN_STATEMENT -> 1;
                case EngineChecks.MISSING_LOCK_TIMEOUT -> 3;
                default -> 2;
            };
            if (rank < bestRank) {
                best = f;
                bestRank = rank;
            }
        }
        return ": " + best.message();
    }
}
