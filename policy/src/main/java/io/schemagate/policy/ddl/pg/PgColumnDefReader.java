package io.schemagate.policy.ddl.pg;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.Expression;
import io.schemagate.policy.ddl.UnsupportedSyntaxException;
import io.schemagate.policy.ddl.Volatility;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads a {@code ColumnDef} node: type, NOT NULL, DEFAULT, inline constraints, GENERATED, IDENTITY, serial. */
final class PgColumnDefReader {

    /** serial types are an integer column plus an owned sequence and a nextval() default (datatype-serial docs). */
    private static final Set<String> SERIAL = Set.of("serial", "serial4", "bigserial", "serial8", "smallserial", "serial2");

    private PgColumnDefReader() {
    }

    static ColumnDef read(JsonNode columnDef, PgSourceText source) {
        String name = PgNodes.text(columnDef, "colname");
        if (name == null) {
            throw new UnsupportedSyntaxException("column definition without a name");
        }
        JsonNode typeNode = columnDef.get("typeName");
        String type = typeNode == null ? null : PgNodes.typeName(typeNode);
        boolean notNull = false;
        boolean identity = false;
        Expression defaultValue = null;
        ColumnDef.Generated generated = null;
        List<ConstraintDef> constraints = new ArrayList<>();
        for (JsonNode node : PgNodes.list(columnDef, "constraints")) {
            JsonNode c = PgNodes.body(node);
            String contype = PgNodes.text(c, "contype");
            int location = PgNodes.number(c, "location", -1);
            switch (contype == null ? "" : contype) {
                case "CONSTR_NULL" -> notNull = false;
                case "CONSTR_NOTNULL" -> notNull = true;
                case "CONSTR_DEFAULT" -> {
                    String text = source.expressionAt(source.afterKeyword(location, "DEFAULT"), PgSourceText.AFTER_DEFAULT);
                    defaultValue = PgExpressionReader.read(c.get("raw_expr"), text);
                }
                case "CONSTR_IDENTITY" -> identity = true;
                case "CONSTR_GENERATED" -> generated = new ColumnDef.Generated(
                        PgExpressionReader.read(c.get("raw_expr"), source.parenthesisedAfter(location)), true);
                case "CONSTR_ATTR_DEFERRABLE", "CONSTR_ATTR_NOT_DEFERRABLE", "CONSTR_ATTR_DEFERRED",
                        "CONSTR_ATTR_IMMEDIATE" -> {
                    // Timing of the previous constraint's check; no effect on locks or rewrites.
                }
                default -> constraints.add(PgConstraintReader.read(c, name, source));
            }
        }
        if (columnDef.has("raw_default") && defaultValue == null) {
            defaultValue = PgExpressionReader.read(columnDef.get("raw_default"), null);
        }
        if (type != null && SERIAL.contains(type)) {
            identity = true;
            defaultValue = new Expression("nextval(<owned sequence>)", Volatility.VOLATILE, List.of("nextval"));
        }
        if (columnDef.has("identity") || columnDef.has("generated")) {
            throw new UnsupportedSyntaxException("column definition with identity/generated flags outside constraints");
        }
        String collation = columnDef.has("collClause")
                ? String.join(".", PgNodes.strings(columnDef.get("collClause").get("collname"))) : null;
        return new ColumnDef(name, type, notNull, defaultValue, constraints, generated, identity, collation);
    }
}
