package io.schemagate.gateway.approval;

import io.schemagate.gateway.audit.AuditEvent;
import io.schemagate.gateway.audit.AuditKind;
import io.schemagate.gateway.audit.AuditLog;
import io.schemagate.policy.Fingerprint;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * The approval workflow: holding a statement, approving or denying it, expiry, and the single use
 * of an approved statement. Rules enforced here, whatever the caller: the requester never approves
 * their own change; approvers must belong to one of the request's groups; each approver counts once;
 * a denial or expiry ends the request; an approval is used at most once.
 *
 * <p>Every action is recorded in the audit log before it is reported as done. The store is updated
 * first (compare-and-set, so concurrent actions cannot both win); if the audit write then fails, the
 * store is put back and the action fails, so no approval takes effect without its record.
 */
public final class ApprovalService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final ChangeStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration ttl;
    private volatile java.util.function.Consumer<ChangeRequest> onApprovedForGateway = c -> { };

    public ApprovalService(ChangeStore store, AuditLog audit, Clock clock, Duration ttl) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * Who carries out a change the policy lets the gateway run itself, once it is approved: called
     * after the approval is recorded, with the change already marked used.
     */
    public void onApprovedForGateway(java.util.function.Consumer<ChangeRequest> runner) {
        this.onApprovedForGateway = runner;
    }

    public ChangeStore store() {
        return store;
    }

    /** Stores a new pending request and records it. */
    public synchronized ChangeRequest request(ChangeDraft d) {
        Instant now = clock.instant();
        ChangeRequest r = new ChangeRequest(newId(), 1, ChangeRequest.Status.PENDING, d.statement(),
                Fingerprint.of(d.statement()), d.dialect(), d.requester().user(), d.requester().database(),
                d.requester().clientAddress(), d.requester().applicationName(), d.ruleId(), d.checkIds(),
                d.proposedPlan(), d.reason(), now, now.plus(ttl), Math.max(1, d.approvalsRequired()), d.groups(),
                List.of(), null, null, d.runByGateway());
        // A new request has nobody racing for it, so its record goes first and the store after:
        // a request that could not be recorded never exists.
        record(AuditEvent.of(AuditKind.CHANGE_REQUESTED)
                .put("change_id", r.id())
                .put("user", r.requester())
                .put("database", r.database())
                .put("client_address", r.clientAddress())
                .put("application_name", r.applicationName())
                .put("statement", r.statement())
                .put("fingerprint", r.fingerprint())
                .put("rule", r.ruleId())
                .put("findings", r.checkIds())
                .put("proposed_plan", r.proposedPlan())
                .put("reason", r.reason())
                .put("approvals_required", r.approvalsRequired())
                .put("groups", r.groups())
                .put("expires_at", r.expiresAt().toString())
                .build(), null, r);
        store.create(r);
        return r;
    }

    public synchronized ChangeRequest approve(String id, Approver approver, String reason) {
        ChangeRequest r = pending(id);
        if (approver.isRequesterOf(r)) {
            throw new ApprovalException(ApprovalException.Reason.FORBIDDEN, approver.name()
                    + " requested change " + id + " and cannot approve it; another approver must");
        }
        requireGroup(r, approver, "approve");
        if (r.approverNames().contains(approver.name())) {
            throw new ApprovalException(ApprovalException.Reason.CONFLICT, approver.name()
                    + " has already approved change " + id + "; it needs " + r.approvalsRequired() + " different approvers");
        }
        ChangeRequest updated = r.withApproval(new ChangeRequest.Verdict(approver.name(), clock.instant(), reason));
        replace(r, updated);
        record(AuditEvent.of(AuditKind.CHANGE_APPROVED)
                .put("change_id", id)
                .put("approver", approver.name())
                .put("reason", reason)
                .put("approvals", updated.approverNames())
                .put("approvals_required", updated.approvalsRequired())
                .put("status", updated.status().id())
                .put("user", r.requester())
                .put("database", r.database())
                .build(), r, updated);
        if (updated.status() == ChangeRequest.Status.APPROVED && updated.runByGateway()) {
            ChangeRequest used = updated.used(clock.instant());
            if (store.replace(used)) {
                onApprovedForGateway.accept(used);
                return used;
            }
        }
        return updated;
    }

    public synchronized ChangeRequest deny(String id, Approver approver, String reason) {
        ChangeRequest r = pending(id);
        if (!approver.isRequesterOf(r)) {
            requireGroup(r, approver, "deny");
        }
        ChangeRequest updated = r.withDenial(new ChangeRequest.Verdict(approver.name(), clock.instant(), reason));
        replace(r, updated);
        record(AuditEvent.of(AuditKind.CHANGE_DENIED)
                .put("change_id", id)
                .put("approver", approver.name())
                .put("reason", reason)
                .put("user", r.requester())
                .put("database", r.database())
                .build(), r, updated);
        return updated;
    }

    /**
     * Takes the oldest approved, unexpired request for this statement, user and database and marks
     * it used: the caller may run the statement exactly once.
     */
    public synchronized Optional<ChangeRequest> claim(String statement, String user, String database) {
        expireDue();
        String fp = Fingerprint.of(statement);
        for (ChangeRequest r : store.approvedFor(fp, user, database)) {
            ChangeRequest used = r.used(clock.instant());
            if (store.replace(used)) {
                return Optional.of(used);
            }
        }
        return Optional.empty();
    }

    /** Marks every pending or approved-but-unused request past its expiry as expired; returns how many. */
    public synchronized int expireDue() {
        Instant now = clock.instant();
        int n = 0;
        for (ChangeRequest r : store.list()) {
            boolean open = r.status() == ChangeRequest.Status.PENDING || r.status() == ChangeRequest.Status.APPROVED;
            if (open && !now.isBefore(r.expiresAt())) {
                ChangeRequest expired = r.withStatus(ChangeRequest.Status.EXPIRED);
                if (store.replace(expired)) {
                    n++;
                    record(AuditEvent.of(AuditKind.CHANGE_EXPIRED)
                            .put("change_id", r.id())
                            .put("previous_status", r.status().id())
                            .put("user", r.requester())
                            .put("database", r.database())
                            .build(), r, expired);
                }
            }
        }
        return n;
    }

    private ChangeRequest pending(String id) {
        expireDue();
        ChangeRequest r = store.get(id).orElseThrow(() -> new ApprovalException(ApprovalException.Reason.NOT_FOUND,
                "no change request " + id + "; 'schemagate approvals list' shows the open ones"));
        if (r.status() != ChangeRequest.Status.PENDING) {
            throw new ApprovalException(ApprovalException.Reason.CONFLICT,
                    "change " + id + " is " + r.status().id() + ", not pending; nothing more can be decided on it");
        }
        return r;
    }

    private static void requireGroup(ChangeRequest r, Approver approver, String action) {
        if (!r.groups().isEmpty() && r.groups().stream().noneMatch(approver.groups()::contains)) {
            throw new ApprovalException(ApprovalException.Reason.FORBIDDEN, approver.name() + " may not " + action
                    + " change " + r.id() + ": it needs an approver from " + String.join(", ", r.groups()));
        }
    }

    private void replace(ChangeRequest before, ChangeRequest after) {
        if (!store.replace(after)) {
            throw new ApprovalException(ApprovalException.Reason.CONFLICT, "change " + before.id()
                    + " was changed by someone else at the same time; look at it again and retry");
        }
    }

    /** Writes the record durably; on failure puts {@code before} back when there was one. */
    private void record(AuditEvent event, ChangeRequest before, ChangeRequest after) {
        try {
            audit.append(event).join();
        } catch (CompletionException e) {
            if (before != null) {
                ChangeRequest restored = new ChangeRequest(before.id(), after.version() + 1, before.status(),
                        before.statement(), before.fingerprint(), before.dialect(), before.requester(), before.database(),
                        before.clientAddress(), before.applicationName(), before.ruleId(), before.checkIds(),
                        before.proposedPlan(), before.reason(), before.createdAt(), before.expiresAt(),
                        before.approvalsRequired(), before.groups(), before.approvals(), before.denial(), before.usedAt(),
                        before.runByGateway());
                store.replace(restored);
            }
            throw new ApprovalException(ApprovalException.Reason.UNAVAILABLE,
                    "the audit log cannot be written, so nothing was changed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static String newId() {
        StringBuilder b = new StringBuilder("chg_");
        for (int i = 0; i < 12; i++) {
            b.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
