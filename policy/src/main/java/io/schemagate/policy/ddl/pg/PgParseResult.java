package io.schemagate.policy.ddl.pg;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What libpg_query said about a statement: its JSON parse tree, or the error message and the 1-based
 * byte position it points at (0 when none).
 */
record PgParseResult(JsonNode tree, String error, int cursorPosition) {

    static PgParseResult success(JsonNode tree) {
        return new PgParseResult(tree, null, 0);
    }

    static PgParseResult failure(String error, int cursorPosition) {
        return new PgParseResult(null, error, cursorPosition);
    }

    boolean ok() {
        return tree != null;
    }
}
