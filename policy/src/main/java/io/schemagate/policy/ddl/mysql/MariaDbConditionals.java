package io.schemagate.policy.ddl.mysql;

import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.sql.SqlLexer;
import io.schemagate.policy.sql.SqlTokenCursor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MariaDB's {@code IF [NOT] EXISTS} on ALTER TABLE items ({@code ADD COLUMN IF NOT EXISTS c ...},
 * {@code DROP INDEX IF EXISTS i}, MariaDB 10.0.2+), which Druid's MySQL grammar does not accept. The
 * clauses are blanked (same length, so offsets hold) before parsing, the names they guard remembered,
 * and the flags put back on the operations for those names afterwards.
 */
final class MariaDbConditionals {

    /** Words after which MariaDB allows IF [NOT] EXISTS on an ALTER TABLE item. */
    private static final Set<String> ITEM_WORDS = Set.of("COLUMN", "INDEX", "KEY", "ADD", "DROP", "MODIFY",
            "CHANGE", "CONSTRAINT", "PARTITION");

    private final String code;
    private final Set<String> guarded;

    private MariaDbConditionals(String code, Set<String> guarded) {
        this.code = code;
        this.guarded = guarded;
    }

    /** Blanks the item-level IF [NOT] EXISTS clauses of an ALTER TABLE statement. */
    static MariaDbConditionals strip(SqlLexer lexer, String code) {
        byte[] b = code.getBytes(StandardCharsets.UTF_8);
        SqlTokenCursor c = lexer.tokens(b, 0, b.length);
        List<int[]> ranges = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String first = null;
        String previous = null;
        while (c.next() != SqlTokenCursor.Kind.END && c.kind() != SqlTokenCursor.Kind.ERROR) {
            String word = c.kind() == SqlTokenCursor.Kind.WORD ? c.text().toUpperCase(Locale.ROOT) : null;
            if (first == null) {
                first = word == null ? "" : word;
                if (!first.equals("ALTER")) {
                    return new MariaDbConditionals(code, Set.of());
                }
            }
            if ("IF".equals(word) && previous != null && ITEM_WORDS.contains(previous)) {
                int start = c.start();
                c.next();
                if (c.isWord("NOT")) {
                    c.next();
                }
                if (c.isWord("EXISTS")) {
                    ranges.add(new int[] {start, c.end()});
                    if (c.next() == SqlTokenCursor.Kind.WORD || c.kind() == SqlTokenCursor.Kind.QUOTED) {
                        names.add(unquote(c.text()));
                    }
                }
            }
            previous = word;
        }
        if (ranges.isEmpty()) {
            return new MariaDbConditionals(code, Set.of());
        }
        for (int[] r : ranges) {
            for (int i = r[0]; i < r[1]; i++) {
                b[i] = ' ';
            }
        }
        return new MariaDbConditionals(new String(b, StandardCharsets.UTF_8), names);
    }

    private static String unquote(String name) {
        return name.length() >= 2 && name.charAt(0) == '`' ? name.substring(1, name.length() - 1).replace("``", "`") : name;
    }

    String code() {
        return code;
    }

    /** The operations with IF [NOT] EXISTS restored on those whose object the stripped clauses guarded. */
    List<Operation> restore(List<Operation> ops) {
        if (guarded.isEmpty()) {
            return ops;
        }
        List<Operation> out = new ArrayList<>(ops.size());
        for (Operation op : ops) {
            out.add(restore(op));
        }
        return out;
    }

    private Operation restore(Operation op) {
        if (op instanceof Operation.AddColumn a && guarded.contains(a.column().name())) {
            return new Operation.AddColumn(a.table(), a.column(), true, a.position());
        }
        if (op instanceof Operation.DropColumn d && guarded.contains(d.column())) {
            return new Operation.DropColumn(d.table(), d.column(), true, d.cascade());
        }
        if (op instanceof Operation.CreateIndex i && i.name() != null && guarded.contains(i.name())) {
            return new Operation.CreateIndex(i.table(), i.name(), i.columns(), i.unique(), i.concurrently(), true,
                    i.method(), i.partial());
        }
        if (op instanceof Operation.DropIndex d && guarded.contains(d.name())) {
            return new Operation.DropIndex(d.table(), d.name(), d.concurrently(), true);
        }
        if (op instanceof Operation.DropConstraint d && d.name() != null && guarded.contains(d.name())) {
            return new Operation.DropConstraint(d.table(), d.name(), d.constraintKind(), true);
        }
        return op;
    }
}
