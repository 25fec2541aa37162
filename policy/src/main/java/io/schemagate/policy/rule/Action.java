package io.schemagate.policy.rule;

import java.util.List;

/** What a rule or a default does with a statement it decides. */
public sealed interface Action {

    /** The name used in policy files ({@code allow}, {@code rewrite}, {@code require_approval}, {@code reject}). */
    String name();

    /**
     * True for actions that let a statement (or its plan) reach the server without a person:
     * such rules match only when every operation, table and finding of the statement is covered.
     */
    boolean loosens();

    /** Forward the statement as sent (under the policy's lock timeout). */
    record Allow() implements Action {
        public String name() { return "allow"; }

        public boolean loosens() { return true; }
    }

    /**
     * Run the planner's staged plan instead; a rewrite rule never matches a statement without a plan.
     *
     * @param waitForCompletion the client waits until every stage is done instead of only the first
     */
    record Rewrite(boolean waitForCompletion) implements Action {
        public String name() { return "rewrite"; }

        public boolean loosens() { return true; }
    }

    /**
     * Hold the statement until enough approvers agree.
     *
     * @param count   distinct approvers needed (never the requester)
     * @param groups  approver groups they must belong to; empty means any approver
     * @param message what the client is told, or null for the generated text
     * @param runByGateway once approved, the gateway runs the change itself (its staged plan, or the
     *                     statement as sent) instead of waiting for the client to send it again
     */
    record RequireApproval(int count, List<String> groups, String message, boolean runByGateway) implements Action {
        public RequireApproval {
            if (count < 1) {
                throw new IllegalArgumentException("an approval needs at least one approver");
            }
            groups = List.copyOf(groups);
        }

        public RequireApproval(int count, List<String> groups, String message) {
            this(count, groups, message, false);
        }

        public String name() { return "require_approval"; }

        public boolean loosens() { return false; }
    }

    /** Refuse the statement, telling the client {@code message}. */
    record Reject(String message) implements Action {
        public String name() { return "reject"; }

        public boolean loosens() { return false; }
    }
}
