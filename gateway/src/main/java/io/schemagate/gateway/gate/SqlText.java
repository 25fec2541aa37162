package io.schemagate.gateway.gate;

import io.schemagate.policy.Fingerprint;

/** Comparisons of statement text that ignore formatting, comments and a trailing semicolon. */
final class SqlText {

    private SqlText() {
    }

    /** True when the query string is just this one statement. */
    static boolean sameStatement(String queryString, String statement) {
        return Fingerprint.normalise(queryString).equals(Fingerprint.normalise(statement));
    }
}
