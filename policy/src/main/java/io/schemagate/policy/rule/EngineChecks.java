package io.schemagate.policy.rule;

import java.util.Set;

/**
 * Check ids that the policy engine itself reports, beside those of the checks catalogue. Policy
 * files may name them in {@code match.checks}.
 */
public final class EngineChecks {

    /** A statement would drop, rename or retype an object the policy protects. */
    public static final String PROTECTED_OBJECT = "protected-object";
    /**
     * The statement could not be fully read (parse error, unmodelled syntax) or runs code whose effect
     * cannot be seen (DO, CALL, PREPARE ... FROM, EXECUTE); the same id as the checks catalogue's
     * unknown-statement check, added by the engine when the checks did not report it. Policies tell
     * the two apart with {@code statements: [opaque]} or {@code defaults.opaque}.
     */
    public static final String UNKNOWN_STATEMENT = "unknown-statement";

    /**
     * The checks catalogue's id for DDL sent without a lock timeout. Named here because a policy
     * with a {@code lock_timeout} settles it: the gateway puts that timeout before every DDL it
     * forwards, so the finding is reported but neither makes a statement unsafe nor needs to be
     * listed by an allow rule, and it explains a decision only when nothing else does.
     */
    public static final String MISSING_LOCK_TIMEOUT = "missing-lock-timeout";

    public static final Set<String> IDS = Set.of(PROTECTED_OBJECT, UNKNOWN_STATEMENT);

    private EngineChecks() {
    }
}
