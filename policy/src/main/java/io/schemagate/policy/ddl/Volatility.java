package io.schemagate.policy.ddl;

/**
 * How a default expression behaves, in PostgreSQL's terms ({@code pg_proc.provolatile}). It decides
 * whether {@code ADD COLUMN ... DEFAULT} can use the PostgreSQL 11 fast path or rewrites the table.
 * {@link #UNKNOWN} means a function the analyser cannot judge without the catalog; checks treat it
 * as volatile (fail closed).
 */
public enum Volatility {
    /** Literals, casts of literals, operators on constants. */
    IMMUTABLE,
    /** Same value within a statement: {@code now()}, {@code CURRENT_TIMESTAMP}. */
    STABLE,
    /** A new value per row: {@code random()}, {@code gen_random_uuid()}, {@code nextval()}. */
    VOLATILE,
    /** A function not on the built-in lists; ask the catalog. */
    UNKNOWN
}
