package io.schemagate.gateway.approval;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A statement the policy held for approval, and what has happened to it since. Immutable: every
 * change makes a new value with {@code version + 1}, which stores use for compare-and-set.
 *
 * @param id                 {@code chg_...}, what the client's error message names
 * @param version            bumped on every change
 * @param status             where it stands
 * @param statement          the statement exactly as sent
 * @param fingerprint        {@link io.schemagate.policy.Fingerprint} of it; a retry must match
 * @param dialect            postgresql or mysql
 * @param requester          the database user who sent it
 * @param database           the database it was sent to
 * @param clientAddress      where it came from
 * @param applicationName    the client's application name, or null
 * @param ruleId             the policy rule that asked for approval
 * @param checkIds           the findings behind it
 * @param proposedPlan       the staged plan's SQL, one entry per step, or empty to run the statement as sent
 * @param reason             the reason annotation the statement carried, or null
 * @param createdAt          when it was held
 * @param expiresAt          when an unused request or approval lapses
 * @param approvalsRequired  how many distinct approvers must say yes
 * @param groups             approver groups an approver must belong to (empty: any approver)
 * @param approvals          the yeses so far
 * @param denial             the no that ended it, or null
 * @param usedAt             when the approved statement ran, or null
 * @param runByGateway       once approved the gateway runs it itself, without waiting for a retry
 */
public record ChangeRequest(
        @JsonProperty("id") String id,
        @JsonProperty("version") long version,
        @JsonProperty("status") Status status,
        @JsonProperty("statement") String statement,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("dialect") String dialect,
        @JsonProperty("requester") String requester,
        @JsonProperty("database") String database,
        @JsonProperty("client_address") String clientAddress,
        @JsonProperty("application_name") String applicationName,
        @JsonProperty("rule") String ruleId,
        @JsonProperty("checks") List<String> checkIds,
        @JsonProperty("proposed_plan") List<String> proposedPlan,
        @JsonProperty("reason") String reason,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("approvals_required") int approvalsRequired,
        @JsonProperty("groups") List<String> groups,
        @JsonProperty("approvals") List<Verdict> approvals,
        @JsonProperty("denial") Verdict denial,
        @JsonProperty("used_at") Instant usedAt,
        @JsonProperty("run_by_gateway") boolean runByGateway) {

    /** Where a change request stands. */
    public enum Status {
        @JsonProperty("pending") PENDING,
        @JsonProperty("approved") APPROVED,
        @JsonProperty("denied") DENIED,
        @JsonProperty("expired") EXPIRED,
        @JsonProperty("used") USED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One approver's yes or no, with who, when and why. */
    public record Verdict(@JsonProperty("by") String by, @JsonProperty("at") Instant at,
                          @JsonProperty("reason") String reason) {
    }

    public ChangeRequest {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(status, "status must not be null");
        checkIds = checkIds == null ? List.of() : List.copyOf(checkIds);
        proposedPlan = proposedPlan == null ? List.of() : List.copyOf(proposedPlan);
        groups = groups == null ? List.of() : List.copyOf(groups);
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }

    ChangeRequest withStatus(Status s) {
        return new ChangeRequest(id, version + 1, s, statement, fingerprint, dialect, requester, database, clientAddress,
                applicationName, ruleId, checkIds, proposedPlan, reason, createdAt, expiresAt, approvalsRequired, groups,
                approvals, denial, usedAt, runByGateway);
    }

    ChangeRequest withApproval(Verdict v) {
        List<Verdict> more = new ArrayList<>(approvals);
        more.add(v);
        Status s = more.size() >= approvalsRequired ? Status.APPROVED : Status.PENDING;
        return new ChangeRequest(id, version + 1, s, statement, fingerprint, dialect, requester, database, clientAddress,
                applicationName, ruleId, checkIds, proposedPlan, reason, createdAt, expiresAt, approvalsRequired, groups,
                more, denial, usedAt, runByGateway);
    }

    ChangeRequest withDenial(Verdict v) {
        return new ChangeRequest(id, version + 1, Status.DENIED, statement, fingerprint, dialect, requester, database,
                clientAddress, applicationName, ruleId, checkIds, proposedPlan, reason, createdAt, expiresAt,
                approvalsRequired, groups, approvals, v, usedAt, runByGateway);
    }

    ChangeRequest used(Instant at) {
        return new ChangeRequest(id, version + 1, Status.USED, statement, fingerprint, dialect, requester, database,
                clientAddress, applicationName, ruleId, checkIds, proposedPlan, reason, createdAt, expiresAt,
                approvalsRequired, groups, approvals, denial, at, runByGateway);
    }

    /** The approvers' names, in the order they approved. */
    public List<String> approverNames() {
        return approvals.stream().map(Verdict::by).toList();
    }
}
