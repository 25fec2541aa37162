package io.schemagate.gateway.gate;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.sql.SqlLexer;
import io.schemagate.policy.sql.SqlTokenCursor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command tag PostgreSQL would put in CommandComplete for a schema change, read from its leading
 * keywords, so a statement the gateway runs inside a DO block can still answer with its own tag
 * ({@code ALTER TABLE}, not {@code DO}). The server's rule (CreateCommandTag in tcop/utility.c) is
 * "verb + object type" for CREATE / ALTER / DROP, with the exceptions handled here. Null when the tag
 * is not certain from the words: then the client sees {@code DO}.
 */
final class PgCommandTags {

    private static final SqlLexer LEXER = SqlLexer.forDialect(Dialect.POSTGRESQL);

    /** Words between CREATE and the object type that the tag leaves out. */
    private static final Set<String> CREATE_MODIFIERS = Set.of("OR", "REPLACE", "UNIQUE", "TEMP", "TEMPORARY",
            "UNLOGGED", "GLOBAL", "LOCAL", "RECURSIVE", "TRUSTED", "PROCEDURAL", "CONSTRAINT", "DEFAULT");

    /** Object types named by one word; USER and GROUP are roles to the server. */
    private static final Map<String, String> ONE_WORD = Map.ofEntries(
            Map.entry("TABLE", "TABLE"), Map.entry("INDEX", "INDEX"), Map.entry("SEQUENCE", "SEQUENCE"),
            Map.entry("VIEW", "VIEW"), Map.entry("SCHEMA", "SCHEMA"), Map.entry("TYPE", "TYPE"),
            Map.entry("DOMAIN", "DOMAIN"), Map.entry("FUNCTION", "FUNCTION"), Map.entry("PROCEDURE", "PROCEDURE"),
            Map.entry("TRIGGER", "TRIGGER"), Map.entry("EXTENSION", "EXTENSION"), Map.entry("AGGREGATE", "AGGREGATE"),
            Map.entry("COLLATION", "COLLATION"), Map.entry("CONVERSION", "CONVERSION"), Map.entry("LANGUAGE", "LANGUAGE"),
            Map.entry("POLICY", "POLICY"), Map.entry("PUBLICATION", "PUBLICATION"), Map.entry("RULE", "RULE"),
            Map.entry("STATISTICS", "STATISTICS"), Map.entry("CAST", "CAST"), Map.entry("SERVER", "SERVER"),
            Map.entry("ROLE", "ROLE"), Map.entry("USER", "ROLE"), Map.entry("GROUP", "ROLE"));

    /** Object types named by two words (the first word of each). */
    private static final Map<String, Set<String>> TWO_WORDS = Map.of(
            "MATERIALIZED", Set.of("VIEW"), "FOREIGN", Set.of("TABLE"), "EVENT", Set.of("TRIGGER"),
            "OPERATOR", Set.of("CLASS", "FAMILY"), "ACCESS", Set.of("METHOD"));

    /** Statements whose tag is fixed words, by their leading words. */
    private static final Map<String, String> FIXED = Map.ofEntries(
            Map.entry("COMMENT", "COMMENT"), Map.entry("TRUNCATE", "TRUNCATE TABLE"),
            Map.entry("SECURITY LABEL", "SECURITY LABEL"), Map.entry("REINDEX", "REINDEX"),
            Map.entry("CLUSTER", "CLUSTER"), Map.entry("ANALYZE", "ANALYZE"), Map.entry("REFRESH MATERIALIZED", "REFRESH MATERIALIZED VIEW"),
            Map.entry("REASSIGN OWNED", "REASSIGN OWNED"), Map.entry("DROP OWNED", "DROP OWNED"),
            Map.entry("ALTER DEFAULT", "ALTER DEFAULT PRIVILEGES"), Map.entry("IMPORT FOREIGN", "IMPORT FOREIGN SCHEMA"));

    private PgCommandTags() {
    }

    /** The tag the server would answer {@code statement} with, or null when not certain. */
    static String of(String statement) {
        Words w = Words.of(statement);
        if (w == null || w.leading.isEmpty()) {
            return null;
        }
        String first = w.leading.get(0);
        String two = w.leading.size() > 1 ? first + " " + w.leading.get(1) : first;
        String fixed = FIXED.containsKey(two) ? FIXED.get(two) : FIXED.get(first);
        if (fixed != null) {
            return fixed;
        }
        return switch (first) {
            // GRANT ... ON ... is a privilege; GRANT role TO role is GrantRoleStmt, tagged "GRANT ROLE".
            case "GRANT", "REVOKE" -> w.topLevelOn ? first : first + " ROLE";
            case "CREATE", "ALTER", "DROP" -> verbAndObject(first, w);
            default -> null;
        };
    }

    private static String verbAndObject(String verb, Words w) {
        int i = 1;
        if (verb.equals("CREATE")) {
            while (i < w.leading.size() && CREATE_MODIFIERS.contains(w.leading.get(i))) {
                i++;
            }
        }
        if (i >= w.leading.size()) {
            return null;
        }
        String word = w.leading.get(i);
        String object;
        Set<String> second = TWO_WORDS.get(word);
        if (second != null) {
            String next = i + 1 < w.leading.size() ? w.leading.get(i + 1) : "";
            if (!second.contains(next)) {
                // OPERATOR alone is an object type of its own.
                if (!word.equals("OPERATOR")) {
                    return null;
                }
                object = "OPERATOR";
            } else {
                object = word + " " + next;
            }
        } else {
            object = ONE_WORD.get(word);
        }
        if (object == null) {
            return null;
        }
        // CREATE TABLE ... AS and CREATE MATERIALIZED VIEW answer "SELECT n" with the rows written.
        if (verb.equals("CREATE") && (object.equals("MATERIALIZED VIEW") || object.equals("TABLE") && w.topLevelAs)) {
            return null;
        }
        return verb + " " + object;
    }

    /** The statement's leading words (up to the first token that is not a plain word) and two facts about the rest. */
    private record Words(List<String> leading, boolean topLevelAs, boolean topLevelOn) {

        static Words of(String statement) {
            byte[] b = statement.getBytes(StandardCharsets.UTF_8);
            SqlTokenCursor c = LEXER.tokens(b, 0, b.length);
            List<String> leading = new ArrayList<>();
            boolean inLeading = true;
            boolean as = false;
            boolean on = false;
            int depth = 0;
            while (true) {
                SqlTokenCursor.Kind k = c.next();
                switch (k) {
                    case END, SEMICOLON -> {
                        return new Words(leading, as, on);
                    }
                    case ERROR -> {
                        return null;
                    }
                    case OPEN_PAREN -> depth++;
                    case CLOSE_PAREN -> depth--;
                    default -> { }
                }
                if (k == SqlTokenCursor.Kind.WORD) {
                    String word = c.text().toUpperCase(java.util.Locale.ROOT);
                    if (inLeading && leading.size() < 6) {
                        leading.add(word);
                    }
                    if (depth == 0) {
                        as |= word.equals("AS");
                        on |= word.equals("ON");
                    }
                } else {
                    inLeading = false;
                }
            }
        }
    }
}
