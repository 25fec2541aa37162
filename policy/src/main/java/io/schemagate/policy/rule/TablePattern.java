package io.schemagate.policy.rule;

import java.util.Objects;

/**
 * A table pattern from a policy file: {@code orders}, {@code public.orders}, {@code public.*},
 * {@code audit_*}. Without a dot it names tables in any schema; with one, the part before the
 * dot is the schema (the database in MySQL).
 */
public record TablePattern(Glob schema, Glob table) {

    public TablePattern {
        Objects.requireNonNull(table, "table pattern must not be null");
    }

    public static TablePattern parse(String text) {
        int dot = text.lastIndexOf('.');
        if (dot < 0) {
            return new TablePattern(null, Glob.of(text));
        }
        return new TablePattern(Glob.of(text.substring(0, dot)), Glob.of(text.substring(dot + 1)));
    }

    /**
     * @param schema the table's schema, or null when neither the statement nor the session says it;
     *               then only a pattern whose schema part is {@code *} (or that has none) matches
     */
    public boolean matches(String schema, String name) {
        if (!table.matches(name)) {
            return false;
        }
        if (this.schema == null) {
            return true;
        }
        return schema == null ? this.schema.matchesAnything() : this.schema.matches(schema);
    }

    @Override
    public String toString() {
        return schema == null ? table.toString() : schema + "." + table;
    }
}
