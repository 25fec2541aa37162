package io.schemagate.policy.check;

import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.Expression;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.Volatility;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Small predicates the checks share. They read the typed model only, never statement text. */
public final class Predicates {

    private Predicates() {
    }

    /** One finding, as the list a check returns. */
    public static List<Finding> report(String id, String message, String help, Operation op) {
        return List.of(new Finding(id, message, help, op));
    }

    /**
     * The table was created earlier in the same batch or transaction, so no other session can be
     * using it yet and lock or scan costs do not matter. A schema-less name matches any schema.
     */
    public static boolean isNewTable(TableRef table, CheckContext context) {
        if (table == null) {
            return false;
        }
        for (TableRef created : context.tablesCreatedEarlier()) {
            if (sameTable(created, table)) {
                return true;
            }
        }
        return false;
    }

    public static boolean sameTable(TableRef a, TableRef b) {
        return a.name().equalsIgnoreCase(b.name())
                && (a.schema() == null || b.schema() == null || a.schema().equalsIgnoreCase(b.schema()));
    }

    /**
     * The volatility of an expression after asking the catalog about the functions the analyser could
     * not judge. Anything still unknown stays {@link Volatility#UNKNOWN}, which callers treat as volatile.
     */
    public static Volatility volatility(Expression expr, Catalog catalog) {
        if (expr.volatility() != Volatility.UNKNOWN) {
            return expr.volatility();
        }
        Volatility worst = Volatility.IMMUTABLE;
        for (String fn : expr.functionNames()) {
            Optional<Volatility> v = catalog.functionVolatility(fn);
            if (v.isEmpty() || v.get() == Volatility.UNKNOWN) {
                return Volatility.UNKNOWN;
            }
            if (v.get().ordinal() > worst.ordinal()) {
                worst = v.get();
            }
        }
        return expr.functionNames().isEmpty() ? Volatility.UNKNOWN : worst;
    }

    /** Volatile or not known to be otherwise (fail closed). */
    public static boolean mayBeVolatile(Expression expr, Catalog catalog) {
        Volatility v = volatility(expr, catalog);
        return v == Volatility.VOLATILE || v == Volatility.UNKNOWN;
    }

    /** Inline constraints of one kind written in a column definition. */
    public static List<ConstraintDef> inline(ColumnDef column, ConstraintKind kind) {
        List<ConstraintDef> out = new ArrayList<>();
        for (ConstraintDef c : column.constraints()) {
            if (c.kind() == kind) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * An {@code ADD CONSTRAINT} of this kind without {@code USING INDEX}, or the same constraint inline in
     * {@code ADD COLUMN}, on a table that is not new: its index is built under ACCESS EXCLUSIVE.
     */
    public static boolean buildsConstraintIndex(Operation op, ConstraintKind kind, CheckContext context) {
        if (isNewTable(op.table(), context)) {
            return false;
        }
        if (op instanceof Operation.AddConstraint add) {
            return add.constraint().kind() == kind && add.constraint().usingIndex() == null;
        }
        return op instanceof Operation.AddColumn add && hasInline(add.column(), kind);
    }

    public static boolean hasInline(ColumnDef column, ConstraintKind kind) {
        return !inline(column, kind).isEmpty();
    }

    /**
     * True when a CHECK condition is exactly {@code <column> IS NOT NULL}, the form PostgreSQL 12+ uses
     * to skip the scan of {@code SET NOT NULL}. The comparison is on words, ignoring case, quotes and
     * outer parentheses; anything more elaborate is not trusted.
     */
    public static boolean isNotNullCheck(Expression condition, String column) {
        List<String> words = words(condition.sql());
        return words.size() == 4 && unquote(words.get(0)).equalsIgnoreCase(unquote(column))
                && words.get(1).equalsIgnoreCase("is") && words.get(2).equalsIgnoreCase("not")
                && words.get(3).equalsIgnoreCase("null");
    }

    /** The column of a {@code CHECK (<column> IS NOT NULL)} condition, if it is exactly that. */
    public static Optional<String> notNullCheckColumn(Expression condition) {
        List<String> words = words(condition.sql());
        return !words.isEmpty() && isNotNullCheck(condition, words.get(0))
                ? Optional.of(unquote(words.get(0))) : Optional.empty();
    }

    /** Words of a short SQL fragment, split on white space and parentheses (quotes are kept). */
    public static List<String> words(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (char ch : sql.toCharArray()) {
            if (Character.isWhitespace(ch) || ch == '(' || ch == ')') {
                if (!word.isEmpty()) {
                    out.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(ch);
            }
        }
        if (!word.isEmpty()) {
            out.add(word.toString());
        }
        return out;
    }

    /** An identifier without its PostgreSQL double quotes or MySQL backticks. */
    public static String unquote(String identifier) {
        if (identifier.length() >= 2) {
            char first = identifier.charAt(0);
            char last = identifier.charAt(identifier.length() - 1);
            if ((first == '"' && last == '"') || (first == '`' && last == '`')) {
                return identifier.substring(1, identifier.length() - 1);
            }
        }
        return identifier;
    }

    /** The type name without its modifiers: {@code varchar(20)} gives {@code varchar}. */
    public static String baseType(String type) {
        int paren = type.indexOf('(');
        String base = paren < 0 ? type : type.substring(0, paren);
        return base.trim().toLowerCase(Locale.ROOT);
    }

    /** The numeric modifiers of a type: {@code numeric(10,2)} gives [10, 2]; none gives an empty list. */
    public static List<Integer> typeModifiers(String type) {
        int open = type.indexOf('(');
        int close = type.lastIndexOf(')');
        List<Integer> out = new ArrayList<>();
        if (open < 0 || close < open) {
            return out;
        }
        for (String part : type.substring(open + 1, close).split(",")) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return out;
    }

    public static boolean isPostgres(ServerVersion v) {
        return v.flavor() == ServerVersion.Flavor.POSTGRESQL;
    }

    /** PostgreSQL 14.0 to 14.3, whose CREATE INDEX / REINDEX CONCURRENTLY could silently corrupt indexes. */
    public static boolean hasConcurrentIndexBug(ServerVersion v) {
        return isPostgres(v) && v.major() == 14 && v.minor() < 4;
    }
}
