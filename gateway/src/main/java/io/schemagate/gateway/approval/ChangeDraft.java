package io.schemagate.gateway.approval;

import io.schemagate.policy.Principal;

import java.util.List;

/**
 * What the gate knows when it holds a statement for approval; {@link ApprovalService#request} turns
 * it into a stored {@link ChangeRequest}.
 */
public record ChangeDraft(String statement, String dialect, Principal requester, String ruleId,
                          List<String> checkIds, List<String> proposedPlan, String reason,
                          int approvalsRequired, List<String> groups, boolean runByGateway) {

    /** A change the client sends again once approved. */
    public ChangeDraft(String statement, String dialect, Principal requester, String ruleId, List<String> checkIds,
                       List<String> proposedPlan, String reason, int approvalsRequired, List<String> groups) {
        this(statement, dialect, requester, ruleId, checkIds, proposedPlan, reason, approvalsRequired, groups, false);
    }
}
