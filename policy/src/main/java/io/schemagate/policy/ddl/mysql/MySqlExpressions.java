package io.schemagate.policy.ddl.mysql;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLObject;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLCastExpr;
import com.alibaba.druid.sql.ast.SQLCurrentTimeExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLLiteralExpr;
import com.alibaba.druid.sql.ast.expr.SQLMethodInvokeExpr;
import com.alibaba.druid.sql.ast.expr.SQLNullExpr;
import com.alibaba.druid.sql.ast.expr.SQLUnaryExpr;
import com.alibaba.druid.sql.ast.expr.SQLValuableExpr;
import io.schemagate.policy.ddl.Expression;
import io.schemagate.policy.ddl.Volatility;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Judges MySQL expressions (column defaults, generated columns, CHECK) without a catalog. Literals and
 * operators on them are IMMUTABLE; CURRENT_TIMESTAMP / NOW() and the other "current" functions are
 * STABLE (one value per statement); RAND(), UUID(), SYSDATE() ... are VOLATILE; any other function is
 * UNKNOWN. Expression defaults ({@code DEFAULT (expr)}, MySQL 8.0.13+) are read the same way.
 */
final class MySqlExpressions {

    private static final Set<String> VOLATILE = Set.of("rand", "uuid", "uuid_short", "sysdate", "uuid_to_bin",
            "random_bytes", "connection_id", "last_insert_id", "sleep");
    private static final Set<String> STABLE = Set.of("now", "current_timestamp", "localtime", "localtimestamp",
            "curdate", "current_date", "curtime", "current_time", "utc_timestamp", "utc_date", "utc_time",
            "unix_timestamp", "current_user", "user", "database", "schema");
    private static final Set<String> IMMUTABLE = Set.of("concat", "lower", "upper", "length", "char_length",
            "coalesce", "ifnull", "if", "abs", "round", "json_array", "json_object", "json_quote", "cast", "convert",
            "hex", "unhex", "md5", "sha1", "sha2", "substring", "substr", "trim", "replace", "left", "right",
            "greatest", "least", "point", "st_geomfromtext", "date_add", "date_sub", "timestampadd");

    private MySqlExpressions() {
    }

    static Expression read(SQLExpr e) {
        List<String> functions = new ArrayList<>();
        Volatility v = walk(e, functions);
        return new Expression(SQLUtils.toMySqlString(e), v, functions);
    }

    private static Volatility walk(SQLObject o, List<String> functions) {
        if (o == null || o instanceof SQLLiteralExpr || o instanceof SQLNullExpr || o instanceof SQLValuableExpr) {
            return Volatility.IMMUTABLE;
        }
        if (o instanceof SQLCurrentTimeExpr t) {
            functions.add(t.getType().name().toLowerCase(Locale.ROOT));
            return Volatility.STABLE;
        }
        if (o instanceof SQLIdentifierExpr id) {
            // CURRENT_TIMESTAMP and friends may come back as bare identifiers; a column name is immutable.
            String name = id.getName().toLowerCase(Locale.ROOT);
            if (STABLE.contains(name)) {
                functions.add(name);
                return Volatility.STABLE;
            }
            return Volatility.IMMUTABLE;
        }
        if (o instanceof SQLMethodInvokeExpr m) {
            String name = m.getMethodName().toLowerCase(Locale.ROOT);
            String qualified = m.getOwner() == null ? name : (MySqlNames.name(m.getOwner()) + "." + name);
            functions.add(qualified);
            Volatility v = m.getOwner() == null ? functionVolatility(name) : Volatility.UNKNOWN;
            for (SQLExpr arg : m.getArguments()) {
                v = max(v, walk(arg, functions));
            }
            return v;
        }
        if (o instanceof SQLBinaryOpExpr b) {
            return max(walk(b.getLeft(), functions), walk(b.getRight(), functions));
        }
        if (o instanceof SQLUnaryExpr u) {
            return walk(u.getExpr(), functions);
        }
        if (o instanceof SQLCastExpr c) {
            return walk(c.getExpr(), functions);
        }
        return Volatility.UNKNOWN;
    }

    static Volatility functionVolatility(String name) {
        if (VOLATILE.contains(name)) {
            return Volatility.VOLATILE;
        }
        if (STABLE.contains(name)) {
            return Volatility.STABLE;
        }
        if (IMMUTABLE.contains(name)) {
            return Volatility.IMMUTABLE;
        }
        return Volatility.UNKNOWN;
    }

    /** Order of caution: IMMUTABLE < STABLE < UNKNOWN < VOLATILE. */
    static Volatility max(Volatility a, Volatility b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(Volatility v) {
        return switch (v) {
            case IMMUTABLE -> 0;
            case STABLE -> 1;
            case UNKNOWN -> 2;
            case VOLATILE -> 3;
        };
    }
}
