package io.schemagate.policy.plan;

import io.schemagate.policy.ddl.TableRef;

import java.util.List;
import java.util.Objects;

/**
 * A staged, safe replacement for one unsafe statement: ordered steps, each with its verification and
 * rollback. Plans are fed back through the checks and must come out clean.
 *
 * @param table   the table the plan changes (the executor holds one plan per table at a time)
 * @param summary one line saying what the plan achieves
 * @param steps   in the order they run
 */
public record Plan(TableRef table, String summary, List<Step> steps) {
    public Plan {
        Objects.requireNonNull(summary, "summary must not be null");
        steps = List.copyOf(steps);
    }

    /** The step that replaces the original statement on the client's connection, if any. */
    public List<Step> inBandSteps() {
        return steps.stream().filter(s -> s.where() == Step.Where.IN_BAND).toList();
    }

    public List<Step> backgroundSteps() {
        return steps.stream().filter(s -> s.where() == Step.Where.BACKGROUND).toList();
    }
}
