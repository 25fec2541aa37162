package io.schemagate.policy.ddl;

import java.util.Objects;

/** A table as the statement named it; {@code schema} is null when the statement left it to the search path. */
public record TableRef(String schema, String name) {
    public TableRef {
        Objects.requireNonNull(name, "table name must not be null");
    }

    public static TableRef of(String name) {
        return new TableRef(null, name);
    }

    /** The name as it would be written back into SQL by the planner (unquoted when the input was). */
    public String qualified() {
        return schema == null ? name : schema + "." + name;
    }

    @Override
    public String toString() {
        return qualified();
    }
}
