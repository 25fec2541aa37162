package io.schemagate.policy.ddl;

/** Kinds of table constraint, whether written inline in a column or as a table constraint. */
public enum ConstraintKind {
    PRIMARY_KEY,
    UNIQUE,
    FOREIGN_KEY,
    CHECK,
    EXCLUSION,
    NOT_NULL
}
