package io.schemagate.policy.sql;

import java.util.Set;

/**
 * Keeps a routine body's semicolons from splitting its CREATE statement: PostgreSQL's SQL-standard
 * bodies ({@code CREATE FUNCTION ... BEGIN ATOMIC ...; ...; END}, PostgreSQL 14+) and MySQL compound
 * statements ({@code CREATE PROCEDURE ... BEGIN ...; END}, also triggers and events). Like psql's
 * scanner it counts BEGIN and CASE against END once the statement is known to create a routine;
 * MySQL's {@code END IF / END LOOP / END REPEAT / END WHILE} close blocks that were not counted, and
 * {@code END CASE} closes the counted CASE.
 */
final class RoutineBodies {

    private static final Set<String> PG_ROUTINES = Set.of("FUNCTION", "PROCEDURE");
    private static final Set<String> MYSQL_ROUTINES = Set.of("FUNCTION", "PROCEDURE", "TRIGGER", "EVENT");
    private static final Set<String> UNCOUNTED_BLOCKS = Set.of("IF", "LOOP", "REPEAT", "WHILE");

    private final Set<String> routineWords;
    private boolean create;
    private boolean routine;
    private boolean afterEnd;
    private int words;
    private int depth;

    RoutineBodies(boolean pg) {
        this.routineWords = pg ? PG_ROUTINES : MYSQL_ROUTINES;
    }

    void reset() {
        create = false;
        routine = false;
        afterEnd = false;
        words = 0;
        depth = 0;
    }

    /** A word of the current statement, upper case. */
    void word(String upper) {
        if (words++ == 0) {
            create = upper.equals("CREATE");
            return;
        }
        if (!create) {
            return;
        }
        if (!routine) {
            routine = routineWords.contains(upper);
            return;
        }
        if (afterEnd) {
            afterEnd = false;
            if (UNCOUNTED_BLOCKS.contains(upper)) {
                depth++; // END IF and friends: the END closed a block that was never counted
                return;
            }
            if (upper.equals("CASE")) {
                return; // END CASE: the END already closed the counted CASE
            }
        }
        switch (upper) {
            case "BEGIN", "CASE" -> depth++;
            case "END" -> {
                if (depth > 0) {
                    depth--;
                    afterEnd = true;
                }
            }
            default -> {
            }
        }
    }

    /** Any other token. */
    void other() {
        afterEnd = false;
    }

    /** True while inside a routine body, where a semicolon does not end the statement. */
    boolean holdsSemicolon() {
        return routine && depth > 0;
    }
}
