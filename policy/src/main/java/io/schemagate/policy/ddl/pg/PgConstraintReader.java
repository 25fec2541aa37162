package io.schemagate.policy.ddl.pg;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.Expression;
import io.schemagate.policy.ddl.UnsupportedSyntaxException;

import java.util.List;

/** Reads a {@code Constraint} node (table constraint, or inline in a column definition). */
final class PgConstraintReader {

    private PgConstraintReader() {
    }

    /** The constraint kind of a {@code contype}, or null for the non-constraint column clauses (DEFAULT, NULL, ...). */
    static ConstraintKind kindOf(String contype) {
        if (contype == null) {
            return null;
        }
        return switch (contype) {
            case "CONSTR_PRIMARY" -> ConstraintKind.PRIMARY_KEY;
            case "CONSTR_UNIQUE" -> ConstraintKind.UNIQUE;
            case "CONSTR_FOREIGN" -> ConstraintKind.FOREIGN_KEY;
            case "CONSTR_CHECK" -> ConstraintKind.CHECK;
            case "CONSTR_EXCLUSION" -> ConstraintKind.EXCLUSION;
            case "CONSTR_NOTNULL" -> ConstraintKind.NOT_NULL;
            default -> null;
        };
    }

    /**
     * @param constraint  the Constraint body
     * @param inlineColumn the column it is written on, or null for a table constraint
     */
    static ConstraintDef read(JsonNode constraint, String inlineColumn, PgSourceText source) {
        String contype = PgNodes.text(constraint, "contype");
        ConstraintKind kind = kindOf(contype);
        if (kind == null) {
            throw new UnsupportedSyntaxException("constraint type " + contype + " is not modelled");
        }
        List<String> columns = switch (kind) {
            case FOREIGN_KEY -> PgNodes.strings(constraint.get("fk_attrs"));
            case PRIMARY_KEY, UNIQUE -> PgNodes.strings(constraint.get("keys"));
            default -> List.of();
        };
        if (inlineColumn != null && columns.isEmpty() && kind != ConstraintKind.CHECK) {
            columns = List.of(inlineColumn);
        }
        Expression expression = null;
        if (kind == ConstraintKind.CHECK) {
            JsonNode raw = constraint.get("raw_expr");
            if (raw == null) {
                throw new UnsupportedSyntaxException("CHECK constraint without an expression in the parse tree");
            }
            String text = source.parenthesisedAfter(PgNodes.number(constraint, "location", -1));
            expression = PgExpressionReader.read(raw, text);
        }
        if (kind == ConstraintKind.EXCLUSION || kind == ConstraintKind.PRIMARY_KEY || kind == ConstraintKind.UNIQUE) {
            if (constraint.has("where_clause")) {
                // A partial exclusion / unique constraint: still one index build, the predicate is not needed.
                PgExpressionReader.read(constraint.get("where_clause"), null);
            }
        }
        boolean notValid = PgNodes.flag(constraint, "skip_validation");
        return new ConstraintDef(PgNodes.text(constraint, "conname"), kind, columns, notValid,
                PgNodes.text(constraint, "indexname"), PgNodes.table(constraint.get("pktable")),
                PgNodes.strings(constraint.get("pk_attrs")), expression, true);
    }
}
