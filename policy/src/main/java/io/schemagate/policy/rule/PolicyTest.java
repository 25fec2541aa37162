package io.schemagate.policy.rule;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.Principal;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One case of a policy's {@code tests:} section: statements and the decision the team expects.
 *
 * @param name          what the case is about (defaults to the SQL)
 * @param location      {@code file:line:col} of the case, for failure reports
 * @param sql           one or more statements; the case passes when every one gets {@code expect}
 * @param dialect       the dialect to read them in
 * @param serverVersion the server version text, or null for the dialect's default
 * @param principal     who sends them ({@link Subject#NOBODY} fields when not given)
 * @param at            when they are sent, or null for "now"
 * @param rows          estimated row counts by table name as written in the policy
 * @param expect        the expected decision name ({@code allow}, {@code rewrite}, ...)
 * @param expectRule    the expected rule id, or null for any
 */
public record PolicyTest(String name, String location, String sql, Dialect dialect, String serverVersion,
                         Principal principal, Instant at, Map<String, Long> rows, String expect,
                         String expectRule) {
    public PolicyTest {
        Objects.requireNonNull(sql, "sql must not be null");
        Objects.requireNonNull(dialect, "dialect must not be null");
        Objects.requireNonNull(expect, "expect must not be null");
        rows = Map.copyOf(rows);
        principal = principal == null ? Subject.NOBODY : principal;
    }
}
