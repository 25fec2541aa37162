package io.schemagate.policy.check.pg;

import io.schemagate.policy.check.Predicates;

import java.util.List;
import java.util.Map;

/**
 * PostgreSQL type changes that need no table rewrite (binary-coercible, or only relaxing a length or
 * precision limit), following the PostgreSQL documentation of ALTER TABLE ... TYPE. Everything not
 * listed rewrites the table, so {@link #changeIsSafe} answers false for it.
 */
final class PgTypes {

    private static final Map<String, String> ALIASES = Map.of(
            "character varying", "varchar",
            "timestamp without time zone", "timestamp",
            "timestamp with time zone", "timestamptz",
            "time without time zone", "time",
            "decimal", "numeric");

    private PgTypes() {
    }

    static String canonicalBase(String type) {
        String base = Predicates.baseType(type);
        return ALIASES.getOrDefault(base, base);
    }

    static boolean changeIsSafe(String from, String to) {
        String a = canonicalBase(from);
        String b = canonicalBase(to);
        List<Integer> am = Predicates.typeModifiers(from);
        List<Integer> bm = Predicates.typeModifiers(to);
        if (a.equals(b) && am.equals(bm)) {
            return true;
        }
        return switch (a) {
            // Dropping or raising the length limit is binary-coercible; text and unlimited varchar are the same.
            case "varchar" -> (b.equals("varchar") && (bm.isEmpty() || (!am.isEmpty() && bm.get(0) >= am.get(0))))
                    || b.equals("text");
            case "text" -> b.equals("varchar") && bm.isEmpty();
            // Higher precision at the same scale, or no limit at all.
            case "numeric" -> b.equals("numeric") && (bm.isEmpty()
                    || (am.size() == 2 && bm.size() == 2 && bm.get(1).equals(am.get(1)) && bm.get(0) >= am.get(0)));
            case "timestamp", "timestamptz", "time", "interval" -> b.equals(a)
                    && (bm.isEmpty() || (!am.isEmpty() && bm.get(0) >= am.get(0)));
            case "cidr" -> b.equals("inet");
            default -> false;
        };
    }
}
