package io.schemagate.policy.ddl;

/**
 * MySQL / MariaDB {@code ALGORITHM=} and {@code LOCK=} clauses of an ALTER TABLE or CREATE INDEX,
 * upper case as written, null when absent. They apply to the whole statement.
 */
public record OnlineDdlOptions(String algorithm, String lock) {
    public static final OnlineDdlOptions NONE = new OnlineDdlOptions(null, null);
}
