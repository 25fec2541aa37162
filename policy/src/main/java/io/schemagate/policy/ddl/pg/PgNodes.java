package io.schemagate.policy.ddl.pg;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemagate.policy.ddl.TableRef;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reading libpg_query's JSON parse tree. A node is an object with one field named after its type
 * ({@code {"ColumnDef": {...}}}); fields typed as one specific node (e.g. {@code relation}) hold the
 * fields directly. Absent fields mean the type's zero value (false, 0, null), as libpg_query omits them.
 */
final class PgNodes {

    private PgNodes() {
    }

    /** The node's type name, or null when it is not a wrapped node. */
    static String type(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            return null;
        }
        String name = node.fieldNames().next();
        return Character.isUpperCase(name.charAt(0)) ? name : null;
    }

    /** The node's fields: unwraps {@code {"Type": {...}}}, leaves direct fields as they are. */
    static JsonNode body(JsonNode node) {
        String t = type(node);
        return t == null ? node : node.get(t);
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static boolean flag(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.asBoolean(false);
    }

    static int number(JsonNode node, String field, int missing) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null ? missing : v.asInt(missing);
    }

    static Iterable<JsonNode> list(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || !v.isArray()) {
            return List.of();
        }
        return v;
    }

    /** A list of {@code String} nodes ({@code [{"String": {"sval": "x"}}]}) as plain strings. */
    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        JsonNode items = array.isArray() ? array : body(array).get("items");
        if (items == null) {
            return out;
        }
        for (JsonNode n : items) {
            JsonNode s = body(n);
            String v = s.has("sval") ? s.get("sval").asText() : s.has("str") ? s.get("str").asText() : null;
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** A {@code RangeVar} as a table reference. */
    static TableRef table(JsonNode rangeVar) {
        if (rangeVar == null) {
            return null;
        }
        JsonNode r = body(rangeVar);
        String name = text(r, "relname");
        return name == null ? null : new TableRef(text(r, "schemaname"), name);
    }

    /** A qualified name list ({@code [schema, name]}) as a table reference. */
    static TableRef tableFromNames(List<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        String name = names.get(names.size() - 1);
        String schema = names.size() > 1 ? names.get(names.size() - 2) : null;
        return new TableRef(schema, name);
    }

    /**
     * A {@code TypeName} as lower-case text: {@code varchar(20)}, {@code int8}, {@code numeric(10,2)[]},
     * {@code public.mood}. The {@code pg_catalog.} that the grammar adds to SQL-standard names is dropped;
     * internal names are kept ({@code character varying} is {@code varchar}, {@code bigint} is {@code int8}).
     */
    static String typeName(JsonNode typeNameNode) {
        JsonNode t = body(typeNameNode);
        List<String> names = strings(t.get("names"));
        if (names.size() > 1 && names.get(0).equals("pg_catalog")) {
            names = names.subList(1, names.size());
        }
        StringBuilder sb = new StringBuilder(String.join(".", names).toLowerCase(Locale.ROOT));
        JsonNode mods = t.get("typmods");
        if (mods != null && mods.size() > 0) {
            sb.append('(');
            Iterator<JsonNode> it = mods.iterator();
            while (it.hasNext()) {
                sb.append(constantText(it.next()));
                if (it.hasNext()) {
                    sb.append(',');
                }
            }
            sb.append(')');
        }
        for (JsonNode ignored : list(t, "arrayBounds")) {
            sb.append("[]");
        }
        if (flag(t, "setof")) {
            sb.insert(0, "setof ");
        }
        return sb.toString();
    }

    /** The value of an {@code A_Const} (or a bare {@code Integer} / {@code String}) as text; "?" for anything else. */
    static String constantText(JsonNode node) {
        String t = type(node);
        JsonNode c = body(node);
        if ("A_Const".equals(t)) {
            if (c.has("ival")) {
                return String.valueOf(number(c.get("ival"), "ival", 0));
            }
            if (c.has("sval")) {
                return text(c.get("sval"), "sval");
            }
            if (c.has("fval")) {
                return text(c.get("fval"), "fval");
            }
        }
        if ("Integer".equals(t)) {
            return String.valueOf(number(c, "ival", 0));
        }
        if ("String".equals(t)) {
            return text(c, "sval");
        }
        if ("ColumnRef".equals(t)) {
            return String.join(".", strings(c.get("fields")));
        }
        return "?";
    }

    /** The smallest {@code location} in a subtree (a byte offset in the parsed text), or -1. */
    static int minLocation(JsonNode node) {
        int min = Integer.MAX_VALUE;
        if (node.isObject()) {
            JsonNode loc = node.get("location");
            if (loc != null && loc.isInt() && loc.asInt() >= 0) {
                min = loc.asInt();
            }
            for (JsonNode child : node) {
                if (child.isContainerNode()) {
                    int m = minLocation(child);
                    if (m >= 0 && m < min) {
                        min = m;
                    }
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                int m = minLocation(child);
                if (m >= 0 && m < min) {
                    min = m;
                }
            }
        }
        return min == Integer.MAX_VALUE ? -1 : min;
    }

    /** {@code AT_AddColumn} → {@code add-column}: parser enum names as the kebab-case ids we use elsewhere. */
    static String kebab(String enumName, String prefix) {
        String s = enumName.startsWith(prefix) ? enumName.substring(prefix.length()) : enumName;
        return s.replaceAll("([a-z])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
