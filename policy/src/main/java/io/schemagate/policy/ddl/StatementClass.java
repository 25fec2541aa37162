package io.schemagate.policy.ddl;

/** What a statement is, as far as the gateway cares. */
public enum StatementClass {
    /** SELECT, INSERT, UPDATE, DELETE, SHOW, ...: forwarded untouched. */
    NOT_DDL,
    /** A schema change the analyser understood, operation by operation (some may still be {@link Operation.Unknown}). */
    DDL,
    /** Code whose effect cannot be seen from the text: DO blocks, CALL, PREPARE ... FROM, EXECUTE. */
    OPAQUE,
    /** BEGIN / START TRANSACTION / COMMIT / ROLLBACK / SAVEPOINT. */
    TRANSACTION_CONTROL,
    /** SET / RESET of session settings (a lock_timeout set by the client counts for later statements). */
    SESSION,
    /** Looks like DDL (or could not be classified) but did not parse: never safe. */
    UNKNOWN
}
