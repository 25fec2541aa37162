package io.schemagate.policy;

import io.schemagate.policy.check.Finding;
import io.schemagate.policy.plan.Plan;

import java.util.List;
import java.util.Objects;

/**
 * What the policy decided for one statement. The only decision type in SchemaGate: the wire
 * protocols, the audit log and {@code schemagate check} all speak it.
 */
public sealed interface Decision {

    /**
     * The rule that decided: a policy rule's id, or {@code defaults.<category>} (e.g.
     * {@code defaults.unknown}) when no rule matched and a default applied.
     */
    String ruleId();

    /** The findings that led here (empty for a statement nothing was found wrong with). */
    List<Finding> findings();

    /** Short lower-case name for logs, metrics and audit records. */
    String name();

    /** Forward unchanged (DDL still under a short lock timeout unless the policy says otherwise). */
    record Allow(String ruleId, List<Finding> findings) implements Decision {
        public Allow {
            findings = List.copyOf(findings);
        }

        public String name() { return "allow"; }
    }

    /** Run the staged plan instead of the statement. */
    record Rewrite(String ruleId, List<Finding> findings, Plan plan, boolean waitForCompletion) implements Decision {
        public Rewrite {
            findings = List.copyOf(findings);
            Objects.requireNonNull(plan, "a rewrite needs its plan");
        }

        public String name() { return "rewrite"; }
    }

    /**
     * Hold for approval.
     *
     * @param approvals    how many distinct approvers are needed
     * @param groups       approver groups any approver must belong to (empty: any approver)
     * @param proposedPlan the plan that would run once approved, or null to run the statement as sent
     * @param runByGateway once approved, the gateway runs it itself rather than waiting for the client's retry
     */
    record RequireApproval(String ruleId, List<Finding> findings, int approvals, List<String> groups,
                           Plan proposedPlan, String message, boolean runByGateway) implements Decision {
        public RequireApproval {
            findings = List.copyOf(findings);
            groups = List.copyOf(groups);
        }

        /** Held until approved, then sent again by the client. */
        public RequireApproval(String ruleId, List<Finding> findings, int approvals, List<String> groups,
                               Plan proposedPlan, String message) {
            this(ruleId, findings, approvals, groups, proposedPlan, message, false);
        }

        public String name() { return "require_approval"; }
    }

    /** Refuse, telling the client why and what to do instead. */
    record Reject(String ruleId, List<Finding> findings, String message, String safeAlternative)
            implements Decision {
        public Reject {
            findings = List.copyOf(findings);
            Objects.requireNonNull(message, "a rejection must say why");
        }

        public String name() { return "reject"; }
    }
}
