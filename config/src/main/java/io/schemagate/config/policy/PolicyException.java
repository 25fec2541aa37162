package io.schemagate.config.policy;

import io.schemagate.config.ConfigException;

import java.util.List;

/** A policy file that cannot be used; {@link #problems()} lists every {@code file:line:col: ...} found. */
public final class PolicyException extends ConfigException {

    private final List<String> problems;

    public PolicyException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
