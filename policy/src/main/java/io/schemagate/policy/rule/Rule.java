package io.schemagate.policy.rule;

import java.util.Objects;

/**
 * One rule of a policy: the first rule whose {@link Match} holds decides the statement.
 *
 * @param id          stable id written by the policy author, shown to clients and in audit records
 * @param description why the rule exists, for people reading the policy or an audit record; may be null
 */
public record Rule(String id, String description, Match match, Action action) {
    public Rule {
        Objects.requireNonNull(id, "a rule needs its id");
        Objects.requireNonNull(match, "rule " + id + " needs a match");
        Objects.requireNonNull(action, "rule " + id + " needs an action");
    }
}
