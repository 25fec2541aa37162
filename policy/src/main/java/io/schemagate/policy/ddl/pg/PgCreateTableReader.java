package io.schemagate.policy.ddl.pg;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.UnsupportedSyntaxException;

import java.util.ArrayList;
import java.util.List;

/** Reads CREATE TABLE ({@code CreateStmt}), CREATE TABLE AS / CREATE MATERIALIZED VIEW and SELECT INTO. */
final class PgCreateTableReader {

    private PgCreateTableReader() {
    }

    static List<Operation> read(JsonNode stmt, PgSourceText source) {
        JsonNode relation = stmt.get("relation");
        TableRef table = PgNodes.table(relation);
        boolean temporary = "t".equals(PgNodes.text(PgNodes.body(relation), "relpersistence"));
        List<ColumnDef> columns = new ArrayList<>();
        List<ConstraintDef> constraints = new ArrayList<>();
        for (JsonNode element : PgNodes.list(stmt, "tableElts")) {
            String type = PgNodes.type(element);
            JsonNode body = PgNodes.body(element);
            switch (type == null ? "" : type) {
                case "ColumnDef" -> columns.add(PgColumnDefReader.read(body, source));
                case "Constraint" -> constraints.add(PgConstraintReader.read(body, null, source));
                case "TableLikeClause" -> {
                    // LIKE copies another table's definition; the new table is still empty.
                }
                default -> throw new UnsupportedSyntaxException("CREATE TABLE element " + type + " is not modelled");
            }
        }
        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation.CreateTable(table, PgNodes.flag(stmt, "if_not_exists"), temporary, columns, constraints,
                false));
        if (stmt.has("partbound")) {
            // CREATE TABLE ... PARTITION OF p: attaches to p, which may scan p's default partition.
            List<String> parents = new ArrayList<>();
            for (JsonNode parent : PgNodes.list(stmt, "inhRelations")) {
                TableRef p = PgNodes.table(parent);
                ops.add(new Operation.Partition(p, table, true, false));
                parents.add(p.qualified());
            }
            if (parents.isEmpty()) {
                throw new UnsupportedSyntaxException("PARTITION OF without a parent in the parse tree");
            }
        }
        return ops;
    }

    static List<Operation> readAs(JsonNode stmt) {
        JsonNode into = stmt.get("into");
        JsonNode rel = into == null ? null : into.get("rel");
        TableRef table = PgNodes.table(rel);
        String objtype = PgNodes.text(stmt, "objtype");
        if ("OBJECT_MATVIEW".equals(objtype)) {
            return List.of(new Operation.OtherDdl(table, "create-materialized-view"));
        }
        boolean temporary = rel != null && "t".equals(PgNodes.text(PgNodes.body(rel), "relpersistence"));
        return List.of(new Operation.CreateTable(table, PgNodes.flag(stmt, "if_not_exists"), temporary, List.of(),
                List.of(), true));
    }

    static List<Operation> readSelectInto(JsonNode select) {
        JsonNode rel = select.get("intoClause").get("rel");
        boolean temporary = rel != null && "t".equals(PgNodes.text(PgNodes.body(rel), "relpersistence"));
        return List.of(new Operation.CreateTable(PgNodes.table(rel), false, temporary, List.of(), List.of(), true));
    }
}
