package io.schemagate.policy.plan;

import java.util.List;

/** The steps for one operation, or why it has no safe staged form. */
public record Staging(List<StagedStep> steps, String unsupported) {

    public static Staging of(List<StagedStep> steps) {
        return new Staging(List.copyOf(steps), null);
    }

    public static Staging unsupported(String reason) {
        return new Staging(List.of(), reason);
    }

    public boolean isSupported() {
        return unsupported == null;
    }
}
