package io.schemagate.policy.ddl;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.sql.StatementSpan;

import java.util.Set;

/**
 * Classifies a statement by its leading keywords alone, for when no parse tree is available (the parser
 * library is missing). Only classes that need no parser are answered; anything that may be DDL is null,
 * and the caller makes it UNKNOWN.
 */
public final class LeadingKeywords {

    private static final Set<String> TRANSACTION = Set.of("BEGIN", "START", "COMMIT", "ROLLBACK", "END", "ABORT",
            "SAVEPOINT", "RELEASE");
    private static final Set<String> SESSION = Set.of("SET", "RESET", "DISCARD");
    private static final Set<String> NOT_DDL = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES",
            "TABLE", "SHOW", "FETCH", "MOVE", "CLOSE", "DECLARE", "LISTEN", "NOTIFY", "UNLISTEN", "COPY", "LOCK",
            "UNLOCK", "CHECKPOINT", "REPLACE", "DESCRIBE", "DESC", "USE", "HANDLER", "XA", "LOAD", "KILL",
            "CHECKSUM", "HELP", "GET", "SIGNAL", "RESIGNAL", "DEALLOCATE");

    private LeadingKeywords() {
    }

    /** The class when the keywords alone decide it, else null. */
    public static StatementClass classify(Dialect dialect, StatementSpan span) {
        String first = span.firstKeyword();
        if (TRANSACTION.contains(first)) {
            // MySQL's "START TRANSACTION" and PostgreSQL's "START TRANSACTION"; "START REPLICA" is not.
            return first.equals("START") && !span.keyword(1).equals("TRANSACTION") ? null : StatementClass.TRANSACTION_CONTROL;
        }
        if (SESSION.contains(first)) {
            return StatementClass.SESSION;
        }
        if (first.equals("DO")) {
            return dialect == Dialect.POSTGRESQL ? StatementClass.OPAQUE : StatementClass.NOT_DDL;
        }
        if (first.equals("CALL")) {
            return StatementClass.OPAQUE;
        }
        if (first.equals("PREPARE") || first.equals("EXECUTE")) {
            return dialect == Dialect.MYSQL ? StatementClass.OPAQUE : StatementClass.NOT_DDL;
        }
        if (NOT_DDL.contains(first)) {
            return StatementClass.NOT_DDL;
        }
        return null;
    }
}
