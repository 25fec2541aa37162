package io.schemagate.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.schemagate.gateway.approval.ApprovalException;
import io.schemagate.gateway.approval.ApprovalService;
import io.schemagate.gateway.approval.Approver;
import io.schemagate.gateway.approval.ChangeRequest;
import io.schemagate.gateway.audit.AuditFilter;
import io.schemagate.gateway.audit.AuditKind;
import io.schemagate.gateway.audit.AuditReader;
import io.schemagate.gateway.executor.Migration;
import io.schemagate.gateway.executor.MigrationExecutor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The admin API's routes. Health endpoints are open (load balancers call them); everything under
 * {@code /api/} needs a bearer token, and what an identity does is attributed to it in the audit log.
 * Methods here may block (an approval waits for its audit record to be durable), so the HTTP handler
 * calls them off the event loop.
 */
public final class AdminApi {

    private final Authenticator auth;
    private final ApprovalService approvals;
    private final List<HealthCheck> readiness;
    private final Supplier<String> metrics;
    private final MigrationExecutor migrations;
    private final Path auditFile;

    /**
     * @param migrations the executor, or null when migrations are not available
     * @param auditFile  the audit log file served by {@code /api/v1/audit}, or null
     */
    public AdminApi(Authenticator auth, ApprovalService approvals, List<HealthCheck> readiness, Supplier<String> metrics,
                    MigrationExecutor migrations, Path auditFile) {
        this.auth = auth;
        this.approvals = approvals;
        this.readiness = List.copyOf(readiness);
        this.metrics = metrics;
        this.migrations = migrations;
        this.auditFile = auditFile;
    }

    public AdminResponse handle(AdminRequest req) {
        String path = req.path().endsWith("/") && req.path().length() > 1
                ? req.path().substring(0, req.path().length() - 1) : req.path();
        String[] parts = path.substring(1).split("/");
        try {
            if (path.equals("/health/live")) {
                return AdminResponse.json(HttpResponseStatus.OK, Map.of("status", "live"));
            }
            if (path.equals("/health/ready")) {
                return ready();
            }
            if (path.equals("/metrics") && metrics != null) {
                return AdminResponse.text(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
            }
            if (parts.length >= 3 && parts[0].equals("api") && parts[1].equals("v1")) {
                Optional<Approver> who = auth.authenticate(req.authorization());
                if (who.isEmpty()) {
                    return AdminResponse.error(HttpResponseStatus.UNAUTHORIZED, auth.hasIdentities()
                            ? "a valid bearer token is required (Authorization: Bearer <token>)"
                            : "no identities are configured (admin.identities), so nobody can use this API");
                }
                switch (parts[2]) {
                    case "changes":
                        return changes(req, parts, who.get());
                    case "migrations":
                        if (migrations != null) {
                            return migrations(req, parts, who.get());
                        }
                        break;
                    case "audit":
                        if (auditFile != null && parts.length == 3 && req.method().equals("GET")) {
                            return audit(req);
                        }
                        break;
                    default:
                        break;
                }
            }
            return AdminResponse.error(HttpResponseStatus.NOT_FOUND, "no such endpoint: " + req.method() + " " + path);
        } catch (ApprovalException e) {
            return AdminResponse.error(status(e.reason()), e.getMessage());
        } catch (IllegalArgumentException e) {
            return AdminResponse.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        } catch (IllegalStateException e) {
            return AdminResponse.error(HttpResponseStatus.CONFLICT, e.getMessage());
        }
    }

    private AdminResponse migrations(AdminRequest req, String[] parts, Approver who) {
        if (parts.length == 3 && req.method().equals("GET")) {
            String state = req.param("state");
            List<Migration> all = migrations.store().list().stream()
                    .filter(m -> state == null || m.state().id().equals(state)).toList();
            return AdminResponse.json(HttpResponseStatus.OK, Map.of("migrations", all));
        }
        if (parts.length == 4 && req.method().equals("GET")) {
            return migrations.store().get(parts[3])
                    .map(m -> AdminResponse.json(HttpResponseStatus.OK, m))
                    .orElseGet(() -> AdminResponse.error(HttpResponseStatus.NOT_FOUND, "no migration " + parts[3]));
        }
        if (parts.length == 5 && req.method().equals("POST")) {
            if (migrations.store().get(parts[3]).isEmpty()) {
                return AdminResponse.error(HttpResponseStatus.NOT_FOUND, "no migration " + parts[3]);
            }
            Migration m = switch (parts[4]) {
                case "pause" -> migrations.pause(parts[3]);
                case "resume" -> migrations.resume(parts[3]);
                case "rollback" -> migrations.rollback(parts[3], who.name());
                default -> throw new IllegalArgumentException("unknown action '" + parts[4] + "': use pause, resume or rollback");
            };
            return AdminResponse.json(HttpResponseStatus.OK, m);
        }
        return AdminResponse.error(HttpResponseStatus.METHOD_NOT_ALLOWED, req.method() + " is not supported on " + req.path());
    }

    /** Audit records as JSON, filtered like {@code schemagate audit list}; at most {@code limit} (default 1000). */
    private AdminResponse audit(AdminRequest req) {
        String kind = req.param("kind");
        AuditFilter filter = new AuditFilter(instant(req.param("since")), instant(req.param("until")), req.param("database"),
                req.param("table"), req.param("user"), req.param("decision"), req.param("change_id"),
                kind == null ? null : AuditKind.fromId(kind));
        int limit = req.param("limit") == null ? 1000 : Integer.parseInt(req.param("limit"));
        List<JsonNode> records = new ArrayList<>();
        try {
            AuditReader.forEach(auditFile, filter, r -> {
                if (records.size() < limit) {
                    records.add(r.body());
                }
            });
        } catch (IOException e) {
            return AdminResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, e.getMessage());
        }
        return AdminResponse.json(HttpResponseStatus.OK, Map.of("records", records));
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private AdminResponse ready() {
        Map<String, String> problems = new LinkedHashMap<>();
        for (HealthCheck c : readiness) {
            String p = c.problem();
            if (p != null) {
                problems.put(c.name(), p);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", problems.isEmpty());
        body.put("problems", problems);
        return AdminResponse.json(problems.isEmpty() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
    }

    private AdminResponse changes(AdminRequest req, String[] parts, Approver who) {
        if (parts.length == 3 && req.method().equals("GET")) {
            approvals.expireDue();
            String status = req.param("status");
            List<ChangeRequest> all = approvals.store().list().stream()
                    .filter(r -> status == null || r.status().id().equals(status))
                    .toList();
            return AdminResponse.json(HttpResponseStatus.OK, Map.of("changes", all));
        }
        if (parts.length == 4 && req.method().equals("GET")) {
            approvals.expireDue();
            return approvals.store().get(parts[3])
                    .map(r -> AdminResponse.json(HttpResponseStatus.OK, r))
                    .orElseGet(() -> AdminResponse.error(HttpResponseStatus.NOT_FOUND, "no change request " + parts[3]));
        }
        if (parts.length == 5 && req.method().equals("POST")) {
            String reason = reason(req.body());
            return switch (parts[4]) {
                case "approve" -> AdminResponse.json(HttpResponseStatus.OK, approvals.approve(parts[3], who, reason));
                case "deny" -> AdminResponse.json(HttpResponseStatus.OK, approvals.deny(parts[3], who, reason));
                default -> AdminResponse.error(HttpResponseStatus.NOT_FOUND, "unknown action '" + parts[4] + "': use approve or deny");
            };
        }
        return AdminResponse.error(HttpResponseStatus.METHOD_NOT_ALLOWED, req.method() + " is not supported on " + req.path());
    }

    /** The reason an approver gives is required: an audit record without one explains nothing. */
    private static String reason(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("send a JSON body with a reason, e.g. {\"reason\": \"checked with the team\"}");
        }
        JsonNode n;
        try {
            n = AdminResponse.JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage(), e);
        }
        String reason = n.path("reason").asText("");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("the body needs a non-empty \"reason\"");
        }
        return reason;
    }

    private static HttpResponseStatus status(ApprovalException.Reason r) {
        return switch (r) {
            case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
            case FORBIDDEN -> HttpResponseStatus.FORBIDDEN;
            case CONFLICT -> HttpResponseStatus.CONFLICT;
            case UNAVAILABLE -> HttpResponseStatus.SERVICE_UNAVAILABLE;
        };
    }
}
