package io.schemagate.gateway.gate;

import io.schemagate.gateway.approval.ChangeRequest;
import io.schemagate.gateway.audit.AuditEvent;
import io.schemagate.gateway.audit.AuditKind;
import io.schemagate.gateway.audit.AuditLog;
import io.schemagate.gateway.metrics.GatewayMetrics;
import io.schemagate.policy.Fingerprint;
import io.schemagate.policy.Principal;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.rule.Judge;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the {@code statement_judged} record: who asked, what was decided and why, and what will
 * run. {@link #record} returns only once the record is durable and throws when it cannot be
 * written, so the caller refuses the statement instead of running it unrecorded.
 */
final class JudgementAudit {

    /** What the gate knows about one judged statement. */
    record Entry(GateRequest request, Principal principal, ServerVersion version, Judge.Judgement judgement,
                 Map<String, String> annotations, long startNanos) {
    }

    private final AuditLog log;
    private final GatewayMetrics metrics;

    JudgementAudit(AuditLog log, GatewayMetrics metrics) {
        this.log = log;
        this.metrics = metrics;
    }

    void record(Entry e, String decision, ChangeRequest change, String migrationId, String note) {
        Principal who = e.principal();
        Judge.Judgement j = e.judgement();
        AuditEvent.Builder b = AuditEvent.of(AuditKind.STATEMENT_JUDGED)
                .put("connection_id", e.request().connectionId())
                .put("user", who.user())
                .put("client_address", who.clientAddress())
                .put("application_name", who.applicationName())
                .put("tls_identity", who.tlsIdentity())
                .put("database", who.database())
                .put("dialect", e.request().dialect().name().toLowerCase(java.util.Locale.ROOT))
                .put("server_version", e.version().toString())
                .put("in_transaction", e.request().inTransactionBlock())
                .put("statement", e.request().sql())
                .put("fingerprint", Fingerprint.of(e.request().sql()))
                .put("tables", tables(j))
                .put("findings", findings(j.findings()))
                .put("rule", j.decision().ruleId())
                .put("decision", decision)
                .put("plan", j.plan() == null ? null : PlanText.steps(j.plan()))
                .put("change_id", change == null ? null : change.id())
                .put("approvers", change == null || change.approvals().isEmpty() ? null : change.approvals().stream()
                        .map(JudgementAudit::approver).toList())
                .put("migration_id", migrationId)
                .put("note", note);
        e.annotations().forEach((k, v) -> b.put("annotation_" + k, v));
        try {
            log.append(b.build()).join();
        } finally {
            metrics.judged(decision, j.decision().ruleId(), System.nanoTime() - e.startNanos());
        }
    }

    private static Map<String, String> approver(ChangeRequest.Verdict a) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("by", a.by());
        m.put("at", a.at().toString());
        m.put("reason", Objects.toString(a.reason(), ""));
        return m;
    }

    private static List<String> tables(Judge.Judgement j) {
        Set<String> out = new LinkedHashSet<>();
        for (Operation op : j.statement().operations()) {
            if (op.table() != null) {
                out.add(op.table().qualified());
            }
        }
        return List.copyOf(out);
    }

    private static List<Map<String, String>> findings(List<Finding> findings) {
        return findings.stream().map(f -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("check", f.checkId());
            m.put("message", f.message());
            return m;
        }).toList();
    }
}
