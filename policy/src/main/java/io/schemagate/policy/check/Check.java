package io.schemagate.policy.check;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;

import java.util.List;
import java.util.Set;

/**
 * One rule of the checks catalogue: one class per check, with a stable kebab-case {@link #id()} and a
 * docs page {@code docs/checks/<id>.md}. A check walks the typed operation model, never SQL text.
 */
public interface Check {

    /** Stable kebab-case id, e.g. {@code adding-required-column}. */
    String id();

    /** The dialects this check applies to. */
    Set<Dialect> dialects();

    /** Findings for one operation of a statement; an empty list when it is fine. */
    List<Finding> check(Operation operation, AnalyzedStatement statement, CheckContext context);
}
