package io.schemagate.policy.plan.mysql;

import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.TableRef;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes MySQL / MariaDB SQL for the planner's steps. Identifiers are back-quoted only when needed;
 * expressions are reused verbatim.
 */
final class MySqlSql {

    /** Reserved words most likely to be used as names (a subset of MySQL's list). */
    private static final Set<String> RESERVED = Set.of("add", "all", "alter", "and", "as", "asc", "before",
            "between", "by", "case", "change", "check", "column", "condition", "constraint", "create", "cross",
            "database", "default", "delete", "desc", "distinct", "drop", "else", "exists", "false", "for",
            "foreign", "from", "group", "having", "in", "index", "insert", "interval", "into", "is", "join", "key",
            "keys", "like", "limit", "lock", "match", "not", "null", "on", "option", "or", "order", "primary",
            "range", "read", "references", "rename", "replace", "select", "set", "show", "table", "then", "to",
            "true", "union", "unique", "update", "usage", "use", "using", "values", "when", "where", "with",
            "write", "rank", "row", "rows", "groups", "window");

    private MySqlSql() {
    }

    static String ident(String name) {
        if (name.length() >= 2 && name.startsWith("`") && name.endsWith("`")) {
            return name;
        }
        boolean plain = !name.isEmpty() && name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_'
                || ch == '$') && !name.chars().allMatch(Character::isDigit);
        return plain && !RESERVED.contains(name.toLowerCase(Locale.ROOT)) ? name : '`' + name.replace("`", "``") + '`';
    }

    static String table(TableRef t) {
        return t.schema() == null ? ident(t.name()) : ident(t.schema()) + "." + ident(t.name());
    }

    static String columns(List<String> names) {
        return names.stream().map(MySqlSql::ident).collect(Collectors.joining(", "));
    }

    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** An expression default as MySQL wants it, {@code (expr)}, without doubling parentheses already there. */
    static String parenthesised(String expr) {
        String e = expr.strip();
        if (e.startsWith("(") && e.endsWith(")")) {
            int depth = 0;
            for (int i = 0; i < e.length(); i++) {
                depth += e.charAt(i) == '(' ? 1 : e.charAt(i) == ')' ? -1 : 0;
                if (depth == 0 && i < e.length() - 1) {
                    return "(" + e + ")";
                }
            }
            return e;
        }
        return "(" + e + ")";
    }

    /** {@code name type [NOT NULL | NULL] [DEFAULT x]}, with an expression default in parentheses. */
    static String columnDefinition(ColumnDef c, boolean notNull, String defaultSql) {
        StringBuilder sb = new StringBuilder(ident(c.name())).append(' ').append(c.type());
        if (c.charset() != null) {
            sb.append(" CHARACTER SET ").append(c.charset());
        }
        sb.append(notNull ? " NOT NULL" : " NULL");
        if (defaultSql != null) {
            sb.append(" DEFAULT ").append(defaultSql);
        }
        return sb.toString();
    }

    static String alter(TableRef t, String actions, String algorithm) {
        return "ALTER TABLE " + table(t) + " " + actions + ", " + algorithm;
    }

    private static String columnsRow(TableRef t, String column) {
        return "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                + (t.schema() == null ? "DATABASE()" : literal(t.schema())) + " AND TABLE_NAME = " + literal(t.name())
                + " AND COLUMN_NAME = " + literal(column);
    }

    static String columnExists(TableRef t, String column) {
        return "SELECT COUNT(*) = 1 " + columnsRow(t, column);
    }

    static String columnAbsent(TableRef t, String column) {
        return "SELECT COUNT(*) = 0 " + columnsRow(t, column);
    }

    /**
     * MariaDB (10.2.7+) shows "no default" of a nullable column as the text {@code NULL} in
     * COLUMN_DEFAULT, not as SQL NULL as MySQL does (a string default is shown quoted there), so both
     * forms mean "no default". Were the text taken as a default, the step would be skipped as done.
     */
    static String hasDefault(TableRef t, String column) {
        return "SELECT COUNT(*) = 1 " + columnsRow(t, column) + " AND COLUMN_DEFAULT IS NOT NULL AND COLUMN_DEFAULT <> 'NULL'";
    }

    static String notNullable(TableRef t, String column) {
        return "SELECT COUNT(*) = 1 " + columnsRow(t, column) + " AND IS_NULLABLE = 'NO'";
    }

    static String indexCount(TableRef t, String index) {
        return "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                + (t.schema() == null ? "DATABASE()" : literal(t.schema())) + " AND TABLE_NAME = " + literal(t.name())
                + " AND INDEX_NAME = " + literal(index);
    }

    static String noNulls(TableRef t, String column) {
        return "SELECT NOT EXISTS (SELECT 1 FROM " + table(t) + " WHERE " + ident(column) + " IS NULL)";
    }
}
