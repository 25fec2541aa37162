package io.schemagate.policy.plan;

import io.schemagate.policy.ddl.OnlineDdlOptions;
import io.schemagate.policy.ddl.Operation;

import java.util.List;

/**
 * A step together with what its SQL does in the typed model: the operations and MySQL ALGORITHM / LOCK
 * options (no operations for a backfill, which is DML). This lets a plan be fed back through the checks.
 */
public record StagedStep(Step step, List<Operation> operations, OnlineDdlOptions options) {

    public StagedStep {
        operations = List.copyOf(operations);
        options = options == null ? OnlineDdlOptions.NONE : options;
    }

    public StagedStep(Step step, Operation operation) {
        this(step, operation == null ? List.of() : List.of(operation), OnlineDdlOptions.NONE);
    }
}
