package io.schemagate.gateway.gate;

import io.schemagate.policy.gate.GateVerdict;

/**
 * The errors a client sees when the gateway does not let a statement through. The codes are part of
 * the product contract (documented in docs/errors.md) so that applications and migration tools can
 * tell them apart from the server's own errors.
 */
final class GateErrors {

    /** Refused by the policy: SQLSTATE 42501 insufficient_privilege; MySQL 1227 / 42000 (access denied). */
    static final String REJECT_STATE = "42501";
    static final int REJECT_MYSQL = 1227;
    /** Held for approval: SQLSTATE 55000 object_not_in_prerequisite_state; MySQL 1644 / 45000. */
    static final String APPROVAL_STATE = "55000";
    static final int APPROVAL_MYSQL = 1644;
    /** The audit log cannot record the decision: SQLSTATE 58030 io_error; MySQL 1030 (error from storage). */
    static final String AUDIT_STATE = "58030";
    static final int AUDIT_MYSQL = 1030;
    /** The statement cannot be carried out as sent (batch, transaction block): SQLSTATE 0A000; MySQL 1235. */
    static final String UNSUPPORTED_STATE = "0A000";
    static final int UNSUPPORTED_MYSQL = 1235;

    private GateErrors() {
    }

    static GateVerdict.Refuse reject(String message, String detail, String hint) {
        return new GateVerdict.Refuse(REJECT_STATE, REJECT_MYSQL, message, detail, hint);
    }

    static GateVerdict.Refuse approvalRequired(String message, String detail, String hint) {
        return new GateVerdict.Refuse(APPROVAL_STATE, APPROVAL_MYSQL, message, detail, hint);
    }

    static GateVerdict.Refuse auditUnavailable(String why) {
        return new GateVerdict.Refuse(AUDIT_STATE, AUDIT_MYSQL,
                "schemagate: schema changes are refused because the audit log cannot be written", why,
                "ordinary queries still work; ask the operator to check the audit log's disk and /health/ready");
    }

    static GateVerdict.Refuse unsupported(String message, String hint) {
        return new GateVerdict.Refuse(UNSUPPORTED_STATE, UNSUPPORTED_MYSQL, message, null, hint);
    }
}
