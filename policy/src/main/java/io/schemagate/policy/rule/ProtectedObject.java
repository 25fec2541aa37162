package io.schemagate.policy.rule;

import java.util.List;
import java.util.Objects;

/**
 * A data contract: a table, or some of its columns, that must not be dropped, renamed or retyped.
 *
 * @param schema  the schema (MySQL: database) it lives in, or null for a table of that name anywhere
 * @param table   the table's name
 * @param columns the protected columns; empty means the whole table and all of its columns
 */
public record ProtectedObject(String schema, String table, List<String> columns) {
    public ProtectedObject {
        Objects.requireNonNull(table, "table must not be null");
        columns = List.copyOf(columns);
    }

    public boolean wholeTable() {
        return columns.isEmpty();
    }

    public String qualified() {
        return schema == null ? table : schema + "." + table;
    }

    @Override
    public String toString() {
        return wholeTable() ? qualified() : qualified() + "(" + String.join(", ", columns) + ")";
    }
}
