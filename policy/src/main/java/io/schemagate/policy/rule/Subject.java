package io.schemagate.policy.rule;

import io.schemagate.policy.Principal;
import io.schemagate.policy.check.Catalog;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.plan.Plan;

import java.util.List;
import java.util.Objects;

/**
 * One statement to decide, with everything the rules may look at.
 *
 * @param statement the analysed statement
 * @param findings  what the checks found (the engine adds its own: protected objects, unknown, opaque)
 * @param plan      the planner's staged plan for it, or null when there is none
 * @param principal who sent it; use {@link #NOBODY} when linting files
 * @param catalog   live facts (table sizes), or {@link Catalog#NONE}
 * @param annotations the statement's {@code /* schemagate: key="value" *}{@code /} annotation ({@link io.schemagate.policy.Annotations})
 */
public record Subject(AnalyzedStatement statement, List<Finding> findings, Plan plan, Principal principal,
                      Catalog catalog, java.util.Map<String, String> annotations) {

    /** The principal of a statement read from a file: every field unknown. */
    public static final Principal NOBODY = new Principal(null, null, null, null, null);

    public Subject {
        Objects.requireNonNull(statement, "statement must not be null");
        findings = List.copyOf(findings);
        principal = principal == null ? NOBODY : principal;
        catalog = catalog == null ? Catalog.NONE : catalog;
        annotations = annotations == null ? java.util.Map.of() : java.util.Map.copyOf(annotations);
    }

    /** A statement with no annotation. */
    public Subject(AnalyzedStatement statement, List<Finding> findings, Plan plan, Principal principal, Catalog catalog) {
        this(statement, findings, plan, principal, catalog, java.util.Map.of());
    }
}
