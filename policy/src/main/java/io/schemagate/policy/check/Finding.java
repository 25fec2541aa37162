package io.schemagate.policy.check;

import io.schemagate.policy.ddl.Operation;

import java.util.Objects;

/**
 * What a check found wrong with one operation.
 *
 * @param checkId   the check's stable kebab-case id ({@code adding-required-column}); the same in policy
 *                  files, audit records, docs ({@code docs/checks/<id>.md}) and fixture folders
 * @param message   what is wrong and why it hurts, one or two sentences
 * @param help      what to do instead, in words
 * @param operation the operation it is about (null when it is about the statement as a whole)
 */
public record Finding(String checkId, String message, String help, Operation operation) {
    public Finding {
        Objects.requireNonNull(checkId, "checkId must not be null");
        Objects.requireNonNull(message, "message must not be null");
    }
}
