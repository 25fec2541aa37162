package io.schemagate.policy.plan;

import io.schemagate.policy.ddl.AnalyzedStatement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** What the planner made of a statement: a staged plan, or why there is no safe staging for it. */
public sealed interface Planning {

    /**
     * A staged plan. {@code stepStatements} gives, step by step, what each {@link Step.Sql} does as an
     * analysed statement (null for a {@link Step.Backfill}), so the plan can be fed back through the checks.
     */
    record Staged(Plan plan, List<AnalyzedStatement> stepStatements) implements Planning {
        public Staged {
            Objects.requireNonNull(plan, "plan must not be null");
            stepStatements = Collections.unmodifiableList(new ArrayList<>(stepStatements));
            if (stepStatements.size() != plan.steps().size()) {
                throw new IllegalArgumentException("one analysed statement (or null) per step is required");
            }
        }
    }

    /** No safe staged form exists for the statement; {@code reason} says why and what to do instead. */
    record Unsupported(String reason) implements Planning {
        public Unsupported {
            Objects.requireNonNull(reason, "reason must not be null");
        }
    }
}
