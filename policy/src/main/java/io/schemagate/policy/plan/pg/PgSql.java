package io.schemagate.policy.plan.pg;

import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.TableRef;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes PostgreSQL SQL for the planner's steps. Identifiers are double-quoted only when PostgreSQL
 * would otherwise fold or reject them; expressions (defaults, CHECK conditions) are reused verbatim.
 */
final class PgSql {

    /** Reserved words that cannot be column or table names unquoted (a subset of PostgreSQL's list). */
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
            "current_date", "current_role", "current_time", "current_timestamp", "current_user", "default",
            "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign",
            "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading",
            "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
            "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
            "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when",
            "where", "window", "with");

    /** PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1). */
    private static final int MAX_IDENTIFIER = 63;

    private PgSql() {
    }

    static String ident(String name) {
        String bare = name;
        if (bare.length() >= 2 && bare.startsWith("\"") && bare.endsWith("\"")) {
            return bare;
        }
        boolean plain = !bare.isEmpty() && (Character.isLowerCase(bare.charAt(0)) || bare.charAt(0) == '_')
                && bare.chars().allMatch(ch -> (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'
                || ch == '$');
        return plain && !RESERVED.contains(bare) ? bare : '"' + bare.replace("\"", "\"\"") + '"';
    }

    static String table(TableRef t) {
        return t.schema() == null ? ident(t.name()) : ident(t.schema()) + "." + ident(t.name());
    }

    static String columns(List<String> names) {
        return names.stream().map(PgSql::ident).collect(Collectors.joining(", "));
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A name derived from the table and columns the way PostgreSQL derives its own, cut to 63 bytes. */
    static String derivedName(TableRef table, List<String> columns, String suffix) {
        String base = plainWords(table.name() + (columns.isEmpty() ? "" : "_" + String.join("_", columns)));
        int room = MAX_IDENTIFIER - suffix.length() - 1;
        if (base.length() > room) {
            base = base.substring(0, room);
        }
        return (base + "_" + suffix).toLowerCase(Locale.ROOT);
    }

    /** Letters, digits and single underscores only: {@code (lower(email))} becomes {@code lower_email}. */
    private static String plainWords(String text) {
        StringBuilder sb = new StringBuilder();
        for (char ch : text.toCharArray()) {
            boolean keep = Character.isLetterOrDigit(ch);
            if (keep) {
                sb.append(ch);
            } else if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != '_') {
                sb.append('_');
            }
        }
        while (!sb.isEmpty() && sb.charAt(sb.length() - 1) == '_') {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }

    /** {@code name type [NOT NULL] [DEFAULT expr]}; inline constraints are never written here. */
    static String columnDefinition(ColumnDef c, boolean withNotNull, boolean withDefault) {
        StringBuilder sb = new StringBuilder(ident(c.name())).append(' ').append(c.type());
        if (withNotNull && c.notNull()) {
            sb.append(" NOT NULL");
        }
        if (withDefault && c.hasDefault()) {
            sb.append(" DEFAULT ").append(c.defaultValue().sql());
        }
        return sb.toString();
    }

    static String alter(TableRef t, String action) {
        return "ALTER TABLE " + table(t) + " " + action;
    }

    // Verification queries: each returns one boolean that is true once the step's effect is in place.

    static String regclass(TableRef t) {
        return literal(table(t)) + "::regclass";
    }

    static String columnExists(TableRef t, String column) {
        return "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = " + regclass(t) + " AND attname = "
                + literal(column) + " AND NOT attisdropped)";
    }

    static String hasDefault(TableRef t, String column) {
        return "SELECT atthasdef FROM pg_attribute WHERE attrelid = " + regclass(t) + " AND attname = "
                + literal(column);
    }

    static String noNulls(TableRef t, String column) {
        return "SELECT NOT EXISTS (SELECT 1 FROM " + table(t) + " WHERE " + ident(column) + " IS NULL)";
    }

    static String constraintExists(TableRef t, String name, boolean validated) {
        return "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = " + regclass(t) + " AND conname = "
                + literal(name) + (validated ? " AND convalidated" : "") + ")";
    }

    static String constraintAbsent(TableRef t, String name) {
        return "SELECT NOT " + constraintExists(t, name, false).substring("SELECT ".length());
    }

    static String attNotNull(TableRef t, String column) {
        return "SELECT attnotnull FROM pg_attribute WHERE attrelid = " + regclass(t) + " AND attname = "
                + literal(column);
    }

    static String indexValid(TableRef t, String index) {
        return "SELECT EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass(" + literal(qualifiedIndex(t, index))
                + ") AND indisvalid AND indisready)";
    }

    static String indexAbsent(TableRef t, String index) {
        return "SELECT to_regclass(" + literal(qualifiedIndex(t, index)) + ") IS NULL";
    }

    /** An index lives in its table's schema; DROP INDEX and to_regclass need it qualified the same way. */
    static String qualifiedIndex(TableRef t, String index) {
        return t != null && t.schema() != null ? ident(t.schema()) + "." + ident(index) : ident(index);
    }
}
