package io.schemagate.gateway.audit;

import java.util.Locale;

/** What an audit record is about. The lower-case names are the {@code kind} field of the JSON record. */
public enum AuditKind {
    GATEWAY_STARTED,
    GATEWAY_STOPPED,
    POLICY_LOADED,
    POLICY_RELOAD_FAILED,
    STATEMENT_JUDGED,
    CHANGE_REQUESTED,
    CHANGE_APPROVED,
    CHANGE_DENIED,
    CHANGE_EXPIRED,
    MIGRATION_STEP_STARTED,
    MIGRATION_STEP_FINISHED,
    MIGRATION_STEP_FAILED,
    MIGRATION_COMPLETED,
    MIGRATION_ROLLED_BACK;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditKind fromId(String id) {
        try {
            return valueOf(id.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown audit record kind '" + id + "'", e);
        }
    }
}
