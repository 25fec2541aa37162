package io.schemagate.policy.check.mysql;

import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Expression;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.Volatility;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** MySQL / MariaDB online-DDL facts shared by the MySQL checks and the planner. */
public final class MySqlFacts {

    /** Defaults that are not "expression defaults": the CURRENT_TIMESTAMP family allowed on temporal columns. */
    private static final Set<String> TIMESTAMP_DEFAULTS = Set.of("current_timestamp", "now", "localtime",
            "localtimestamp");

    private MySqlFacts() {
    }

    /**
     * The statement explicitly asks for {@code ALGORITHM=INPLACE, LOCK=NONE}: the server refuses it rather
     * than block writes, so the author has accepted an online rebuild (MySQL errors 1845 / 1846).
     */
    public static boolean explicitlyOnline(AnalyzedStatement statement) {
        var o = statement.onlineOptions();
        return "INPLACE".equalsIgnoreCase(o.algorithm()) && "NONE".equalsIgnoreCase(o.lock());
    }

    /** The statement lets INSTANT be used (no ALGORITHM, DEFAULT, or INSTANT). */
    public static boolean mayUseInstant(AnalyzedStatement statement) {
        String a = statement.onlineOptions().algorithm();
        return a == null || a.equalsIgnoreCase("INSTANT") || a.equalsIgnoreCase("DEFAULT");
    }

    /** A MySQL 8.0.13+ {@code DEFAULT (expr)}: anything but a literal or the CURRENT_TIMESTAMP family. */
    public static boolean isExpressionDefault(Expression value) {
        if (value == null || value.isNullLiteral() || value.volatility() == Volatility.IMMUTABLE) {
            return false;
        }
        return value.functionNames().isEmpty()
                || !TIMESTAMP_DEFAULTS.containsAll(value.functionNames().stream()
                .map(f -> f.toLowerCase(Locale.ROOT)).toList());
    }

    /**
     * Maximum bytes per character of a MySQL character set ({@code information_schema.CHARACTER_SETS.MAXLEN});
     * an unknown one counts as 4, the widest, so boundary checks stay conservative.
     */
    public static int maxBytesPerChar(String charset) {
        if (charset == null) {
            return 4;
        }
        String cs = charset.toLowerCase(Locale.ROOT);
        int space = cs.indexOf(' ');
        cs = space < 0 ? cs : cs.substring(0, space);
        return switch (cs) {
            case "latin1", "latin2", "ascii", "binary", "cp1250", "cp1251", "cp1252" -> 1;
            case "ucs2" -> 2;
            case "utf8", "utf8mb3" -> 3;
            default -> 4;
        };
    }

    /** The quoted members of {@code enum('a','b')} / {@code set(...)}, in order. */
    public static List<String> enumMembers(String type) {
        List<String> out = new ArrayList<>();
        int open = type.indexOf('(');
        if (open < 0) {
            return out;
        }
        StringBuilder cur = null;
        for (int i = open + 1; i < type.length(); i++) {
            char ch = type.charAt(i);
            if (cur == null) {
                if (ch == '\'') {
                    cur = new StringBuilder();
                }
            } else if (ch == '\'' && i + 1 < type.length() && type.charAt(i + 1) == '\'') {
                cur.append('\'');
                i++;
            } else if (ch == '\'') {
                out.add(cur.toString());
                cur = null;
            } else {
                cur.append(ch);
            }
        }
        return out;
    }

    /** Storage bytes of an ENUM (1 up to 255 members, else 2) or SET (1, 2, 3, 4 or 8) column. */
    public static int enumStorageBytes(String baseType, int members) {
        if (baseType.equals("enum")) {
            return members <= 255 ? 1 : 2;
        }
        int bytes = (members + 7) / 8;
        return bytes > 4 ? 8 : bytes;
    }

    public static boolean isMySqlFlavor(ServerVersion v) {
        return v.flavor() == ServerVersion.Flavor.MYSQL;
    }

    /** MySQL 8.0.29 to 8.0.31: INSTANT ADD / DROP COLUMN can corrupt data on crash recovery and backups. */
    public static boolean hasInstantRedoBug(ServerVersion v) {
        return isMySqlFlavor(v) && v.atLeast(8, 0, 29) && !v.atLeast(8, 0, 32);
    }

    /** Base type name normalised for comparing a MODIFY with the catalog's type. */
    public static String normalisedType(String type) {
        String t = type.toLowerCase(Locale.ROOT).trim();
        String base = Predicates.baseType(t);
        // Integer display widths (int(11)) mean nothing for storage; MariaDB still reports them.
        if (Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint").contains(base)) {
            int close = t.indexOf(')');
            String rest = (close >= 0 ? t.substring(close + 1) : t.substring(base.length())).trim();
            return (base.equals("integer") ? "int" : base) + (rest.isEmpty() ? "" : " " + rest);
        }
        return t.replace(" ", "");
    }

    /** True when the operation touches an existing table that is not {@code CREATE TABLE}. */
    static boolean altersTable(Operation op) {
        return op.table() != null && !(op instanceof Operation.CreateTable) && !(op instanceof Operation.DropTable)
                && !(op instanceof Operation.Truncate) && !(op instanceof Operation.RenameTable)
                && !(op instanceof Operation.OtherDdl) && !(op instanceof Operation.Unknown)
                && !(op instanceof Operation.TableRewrite);
    }
}
