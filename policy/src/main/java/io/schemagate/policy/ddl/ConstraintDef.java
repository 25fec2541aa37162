package io.schemagate.policy.ddl;

import java.util.List;
import java.util.Objects;

/**
 * A constraint being added.
 *
 * @param name              the constraint name, or null when the server will choose one
 * @param kind              what it enforces
 * @param columns           the constrained columns (empty for CHECK, whose columns are in the expression)
 * @param notValid          PostgreSQL {@code NOT VALID}: existing rows are not checked now
 * @param usingIndex        PostgreSQL {@code USING INDEX name} for PRIMARY KEY / UNIQUE, else null
 * @param referencedTable   FOREIGN KEY target, else null
 * @param referencedColumns FOREIGN KEY target columns (may be empty: the target's primary key)
 * @param expression        CHECK condition, else null
 * @param enforced          false for MySQL {@code NOT ENFORCED}
 */
public record ConstraintDef(String name, ConstraintKind kind, List<String> columns, boolean notValid,
                            String usingIndex, TableRef referencedTable, List<String> referencedColumns,
                            Expression expression, boolean enforced) {
    public ConstraintDef {
        Objects.requireNonNull(kind, "kind must not be null");
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }
}
