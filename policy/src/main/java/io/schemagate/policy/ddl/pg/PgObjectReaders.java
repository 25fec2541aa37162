package io.schemagate.policy.ddl.pg;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.UnsupportedSyntaxException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Readers for the single-node statements: indexes, drops, renames, truncate, maintenance, enums, domains. */
final class PgObjectReaders {

    private PgObjectReaders() {
    }

    static List<Operation> createIndex(JsonNode stmt, PgSourceText source) {
        List<String> columns = new ArrayList<>();
        for (JsonNode e : PgNodes.list(stmt, "indexParams")) {
            JsonNode elem = PgNodes.body(e);
            String name = PgNodes.text(elem, "name");
            if (name == null && elem.has("expr")) {
                String text = source.expressionAt(PgNodes.minLocation(elem.get("expr")), PgSourceText.NONE);
                name = "(" + (text == null ? "?" : text) + ")";
            }
            columns.add(name);
        }
        return List.of(new Operation.CreateIndex(PgNodes.table(stmt.get("relation")), PgNodes.text(stmt, "idxname"),
                columns, PgNodes.flag(stmt, "unique"), PgNodes.flag(stmt, "concurrent"),
                PgNodes.flag(stmt, "if_not_exists"), PgNodes.text(stmt, "accessMethod"), stmt.has("whereClause")));
    }

    static List<Operation> drop(JsonNode stmt) {
        String removeType = PgNodes.text(stmt, "removeType");
        boolean ifExists = PgNodes.flag(stmt, "missing_ok");
        boolean cascade = "DROP_CASCADE".equals(PgNodes.text(stmt, "behavior"));
        boolean concurrently = PgNodes.flag(stmt, "concurrent");
        List<Operation> ops = new ArrayList<>();
        for (JsonNode object : PgNodes.list(stmt, "objects")) {
            List<String> names = PgNodes.strings(object);
            String objectType = removeType == null ? "object" : PgNodes.kebab(removeType, "OBJECT_");
            if (names.isEmpty()) {
                // Functions (ObjectWithArgs) and types (TypeName) carry their names differently.
                ops.add(new Operation.DropObject(objectType, objectName(object), ifExists, cascade));
                continue;
            }
            TableRef ref = PgNodes.tableFromNames(names);
            switch (removeType == null ? "" : removeType) {
                case "OBJECT_TABLE" -> ops.add(new Operation.DropTable(ref, ifExists, cascade));
                case "OBJECT_INDEX" -> ops.add(new Operation.DropIndex(null, ref.qualified(), concurrently, ifExists));
                default -> ops.add(new Operation.DropObject(objectType, String.join(".", names), ifExists, cascade));
            }
        }
        if (ops.isEmpty()) {
            throw new UnsupportedSyntaxException("DROP without objects in the parse tree");
        }
        return ops;
    }

    private static String objectName(JsonNode object) {
        JsonNode body = PgNodes.body(object);
        if (body.has("objname")) {
            return String.join(".", PgNodes.strings(body.get("objname")));
        }
        if (body.has("names")) {
            return String.join(".", PgNodes.strings(body.get("names")));
        }
        if (body.has("sval")) {
            return body.get("sval").asText();
        }
        return "?";
    }

    static List<Operation> truncate(JsonNode stmt) {
        boolean cascade = "DROP_CASCADE".equals(PgNodes.text(stmt, "behavior"));
        List<Operation> ops = new ArrayList<>();
        for (JsonNode rel : PgNodes.list(stmt, "relations")) {
            ops.add(new Operation.Truncate(PgNodes.table(rel), cascade));
        }
        return ops;
    }

    static List<Operation> rename(JsonNode stmt) {
        String renameType = PgNodes.text(stmt, "renameType");
        TableRef table = PgNodes.table(stmt.get("relation"));
        String from = PgNodes.text(stmt, "subname");
        String to = PgNodes.text(stmt, "newname");
        String kind = renameType == null ? "object" : PgNodes.kebab(renameType, "OBJECT_");
        return switch (renameType == null ? "" : renameType) {
            case "OBJECT_COLUMN" -> List.of(new Operation.RenameColumn(table, from, to));
            case "OBJECT_TABLE" -> List.of(new Operation.RenameTable(table, new TableRef(table.schema(), to)));
            case "OBJECT_INDEX", "OBJECT_SEQUENCE", "OBJECT_VIEW", "OBJECT_MATVIEW", "OBJECT_FOREIGN_TABLE" ->
                    List.of(new Operation.RenameObject(null, kind, table == null ? null : table.qualified(), to));
            case "OBJECT_TABCONSTRAINT", "OBJECT_TRIGGER", "OBJECT_POLICY", "OBJECT_RULE" ->
                    List.of(new Operation.RenameObject(table, kind, from, to));
            default -> {
                String name = from;
                if (name == null && stmt.has("object")) {
                    name = objectName(stmt.get("object"));
                }
                yield List.of(new Operation.RenameObject(table, kind, name, to));
            }
        };
    }

    static List<Operation> reindex(JsonNode stmt) {
        boolean concurrently = false;
        for (JsonNode p : PgNodes.list(stmt, "params")) {
            String name = PgNodes.text(PgNodes.body(p), "defname");
            if ("concurrently".equals(name)) {
                concurrently = true;
            } else if (!"verbose".equals(name) && !"tablespace".equals(name)) {
                throw new UnsupportedSyntaxException("REINDEX option " + name + " is not modelled");
            }
        }
        String kind = PgNodes.text(stmt, "kind");
        TableRef rel = PgNodes.table(stmt.get("relation"));
        String what = kind == null ? "?" : PgNodes.kebab(kind, "REINDEX_OBJECT_").toUpperCase(Locale.ROOT);
        String target = what + " " + (rel != null ? rel.qualified() : PgNodes.text(stmt, "name"));
        return List.of(new Operation.Reindex("INDEX".equals(what) ? null : rel, target, concurrently));
    }

    static List<Operation> vacuum(JsonNode stmt) {
        boolean full = false;
        for (JsonNode o : PgNodes.list(stmt, "options")) {
            if ("full".equals(PgNodes.text(PgNodes.body(o), "defname"))) {
                full = !"false".equalsIgnoreCase(defValue(PgNodes.body(o)));
            }
        }
        boolean vacuum = PgNodes.flag(stmt, "is_vacuumcmd");
        List<Operation> ops = new ArrayList<>();
        for (JsonNode r : PgNodes.list(stmt, "rels")) {
            TableRef t = PgNodes.table(PgNodes.body(r).get("relation"));
            ops.add(full ? new Operation.TableRewrite(t, "vacuum-full")
                    : new Operation.OtherDdl(t, vacuum ? "vacuum" : "analyze"));
        }
        if (ops.isEmpty()) {
            ops.add(full ? new Operation.TableRewrite(null, "vacuum-full")
                    : new Operation.OtherDdl(null, vacuum ? "vacuum" : "analyze"));
        }
        return ops;
    }

    private static String defValue(JsonNode defElem) {
        JsonNode arg = defElem.get("arg");
        return arg == null ? null : PgNodes.constantText(arg);
    }

    static List<Operation> cluster(JsonNode stmt) {
        return List.of(new Operation.TableRewrite(PgNodes.table(stmt.get("relation")), "cluster"));
    }

    /** Without CONCURRENTLY, REFRESH MATERIALIZED VIEW holds ACCESS EXCLUSIVE while it recomputes the view. */
    static List<Operation> refresh(JsonNode stmt) {
        TableRef view = PgNodes.table(stmt.get("relation"));
        return List.of(PgNodes.flag(stmt, "concurrent") ? new Operation.OtherDdl(view, "refresh-materialized-view-concurrently")
                : new Operation.TableRewrite(view, "refresh-materialized-view"));
    }

    static List<Operation> alterEnum(JsonNode stmt) {
        String type = String.join(".", PgNodes.strings(stmt.get("typeName")));
        if (stmt.has("oldVal")) {
            return List.of(new Operation.RenameObject(null, "enum-value", PgNodes.text(stmt, "oldVal"),
                    PgNodes.text(stmt, "newVal")));
        }
        return List.of(new Operation.AlterEnumAddValue(type, PgNodes.text(stmt, "newVal"), stmt.has("newValNeighbor")));
    }

    static List<Operation> createDomain(JsonNode stmt, PgSourceText source) {
        String domain = String.join(".", PgNodes.strings(stmt.get("domainname")));
        List<Operation> ops = new ArrayList<>();
        for (JsonNode c : PgNodes.list(stmt, "constraints")) {
            JsonNode body = PgNodes.body(c);
            if (PgConstraintReader.kindOf(PgNodes.text(body, "contype")) != null) {
                ops.add(new Operation.DomainConstraint(domain, PgConstraintReader.read(body, null, source), true));
            }
        }
        if (ops.isEmpty()) {
            ops.add(new Operation.OtherDdl(null, "create-domain"));
        }
        return ops;
    }

    /** ALTER DOMAIN: subtype 'C' adds a constraint (checked against every column using the domain), 'X' drops one. */
    static List<Operation> alterDomain(JsonNode stmt, PgSourceText source) {
        String domain = String.join(".", PgNodes.strings(stmt.get("typeName")));
        String subtype = PgNodes.text(stmt, "subtype");
        return switch (subtype == null ? "" : subtype) {
            case "C" -> {
                ConstraintDef def = PgConstraintReader.read(PgNodes.body(stmt.get("def")), null, source);
                yield List.of(new Operation.DomainConstraint(domain, def, false));
            }
            case "X" -> List.of(new Operation.OtherDdl(null, "alter-domain-drop-constraint"));
            case "T" -> List.of(new Operation.OtherDdl(null, "alter-domain-set-default"));
            default -> throw new UnsupportedSyntaxException("ALTER DOMAIN form '" + subtype + "' is not modelled");
        };
    }

    static List<Operation> setSchema(JsonNode stmt) {
        TableRef rel = PgNodes.table(stmt.get("relation"));
        String type = PgNodes.text(stmt, "objectType");
        String newSchema = PgNodes.text(stmt, "newschema");
        if ("OBJECT_TABLE".equals(type) && rel != null) {
            return List.of(new Operation.RenameTable(rel, new TableRef(newSchema, rel.name())));
        }
        String name = rel != null ? rel.qualified() : stmt.has("object") ? objectName(stmt.get("object")) : "?";
        return List.of(new Operation.RenameObject(rel, type == null ? "object" : PgNodes.kebab(type, "OBJECT_"),
                name, newSchema + "." + name));
    }
}
