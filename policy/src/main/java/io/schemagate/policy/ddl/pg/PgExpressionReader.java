package io.schemagate.policy.ddl.pg;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemagate.policy.ddl.Expression;
import io.schemagate.policy.ddl.Volatility;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Judges an expression tree's volatility without the catalog, as PostgreSQL's pg_proc.provolatile would
 * for the built-ins we know: literals, casts and operators on constants are IMMUTABLE; the
 * {@code CURRENT_*} value functions and {@code now()} are STABLE (one value per statement, so
 * {@code ADD COLUMN ... DEFAULT now()} still takes the PostgreSQL 11 fast path); {@code random()},
 * {@code gen_random_uuid()}, {@code clock_timestamp()}, {@code nextval()} ... are VOLATILE (a value per
 * row: a table rewrite). Any other function, or a node type not listed here, is UNKNOWN for the catalog
 * to refine; checks treat UNKNOWN as volatile.
 */
final class PgExpressionReader {

    private static final Set<String> VOLATILE = Set.of("random", "gen_random_uuid", "clock_timestamp", "timeofday",
            "nextval", "setseed", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "random_normal",
            "txid_current", "pg_current_xact_id", "currval", "lastval", "setval");
    private static final Set<String> STABLE = Set.of("now", "statement_timestamp", "transaction_timestamp",
            "current_setting", "to_char", "to_timestamp", "to_date", "age", "current_database", "current_schema",
            "current_user", "session_user", "pg_backend_pid", "concat", "concat_ws", "format");
    private static final Set<String> IMMUTABLE = Set.of("lower", "upper", "length", "char_length", "abs", "round",
            "trunc", "floor", "ceil", "btrim", "ltrim", "rtrim", "md5", "coalesce", "greatest", "least", "substr",
            "substring", "replace", "left", "right", "jsonb_build_object", "jsonb_build_array", "json_build_object",
            "array_length", "int4range", "int8range", "numrange", "tsrange", "daterange", "make_date", "nullif",
            "sqrt", "power", "mod", "split_part", "position", "strpos", "uuid_nil", "point", "to_tsvector",
            "timezone");

    /** Node types that are immutable in themselves; their children decide. */
    private static final Set<String> NEUTRAL = Set.of("A_Const", "A_Expr", "TypeCast", "TypeName", "BoolExpr",
            "NullTest", "BooleanTest", "CoalesceExpr", "MinMaxExpr", "CaseExpr", "CaseWhen", "A_ArrayExpr",
            "RowExpr", "ColumnRef", "String", "Integer", "Float", "Boolean", "BitString", "List", "CollateClause",
            "A_Indirection", "A_Indices", "A_Star", "ParamRef", "NamedArgExpr");

    /** SQLValueFunction op → the SQL keyword it stands for (all STABLE). */
    private static final Map<String, String> VALUE_FUNCTIONS = Map.ofEntries(
            Map.entry("SVFOP_CURRENT_DATE", "current_date"), Map.entry("SVFOP_CURRENT_TIME", "current_time"),
            Map.entry("SVFOP_CURRENT_TIME_N", "current_time"), Map.entry("SVFOP_CURRENT_TIMESTAMP", "current_timestamp"),
            Map.entry("SVFOP_CURRENT_TIMESTAMP_N", "current_timestamp"), Map.entry("SVFOP_LOCALTIME", "localtime"),
            Map.entry("SVFOP_LOCALTIME_N", "localtime"), Map.entry("SVFOP_LOCALTIMESTAMP", "localtimestamp"),
            Map.entry("SVFOP_LOCALTIMESTAMP_N", "localtimestamp"), Map.entry("SVFOP_CURRENT_ROLE", "current_role"),
            Map.entry("SVFOP_CURRENT_USER", "current_user"), Map.entry("SVFOP_USER", "user"),
            Map.entry("SVFOP_SESSION_USER", "session_user"), Map.entry("SVFOP_CURRENT_CATALOG", "current_catalog"),
            Map.entry("SVFOP_CURRENT_SCHEMA", "current_schema"));

    private PgExpressionReader() {
    }

    /** An expression with {@code sql} as its text (or a placeholder when the text could not be cut out). */
    static Expression read(JsonNode tree, String sql) {
        List<String> functions = new ArrayList<>();
        Volatility v = walk(tree, functions);
        return new Expression(sql == null ? "?" : sql.trim(), v, functions);
    }

    private static Volatility walk(JsonNode node, List<String> functions) {
        if (node == null || node.isValueNode()) {
            return Volatility.IMMUTABLE;
        }
        if (node.isArray()) {
            Volatility v = Volatility.IMMUTABLE;
            for (JsonNode child : node) {
                v = max(v, walk(child, functions));
            }
            return v;
        }
        Volatility v = Volatility.IMMUTABLE;
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            String key = f.getKey();
            JsonNode value = f.getValue();
            if (!Character.isUpperCase(key.charAt(0))) {
                v = max(v, walk(value, functions));
            } else if (key.equals("FuncCall")) {
                String name = String.join(".", PgNodes.strings(value.get("funcname"))).toLowerCase(Locale.ROOT);
                String bare = name.startsWith("pg_catalog.") ? name.substring("pg_catalog.".length()) : name;
                functions.add(name);
                v = max(v, functionVolatility(bare));
                v = max(v, walk(value.get("args"), functions));
                v = max(v, walk(value.get("agg_filter"), functions));
            } else if (key.equals("SQLValueFunction")) {
                String op = PgNodes.text(value, "op");
                functions.add(VALUE_FUNCTIONS.getOrDefault(op, op == null ? "?" : op.toLowerCase(Locale.ROOT)));
                v = max(v, Volatility.STABLE);
            } else if (NEUTRAL.contains(key)) {
                v = max(v, walk(value, functions));
            } else {
                // Sub-queries, window functions and anything new: the catalog cannot help either.
                v = max(v, Volatility.UNKNOWN);
                walk(value, functions);
            }
        }
        return v;
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
