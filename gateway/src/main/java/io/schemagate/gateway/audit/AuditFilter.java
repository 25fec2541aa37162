package io.schemagate.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * Which records {@code audit list} and {@code audit export} show. A null criterion matches everything.
 * {@code table} matches a record's {@code tables} list or its {@code table} field, with or without
 * schema: {@code orders} matches {@code public.orders}.
 */
public record AuditFilter(Instant since, Instant until, String database, String table, String user,
                          String decision, String changeId, AuditKind kind) implements Predicate<AuditRecord> {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null, null);

    @Override
    public boolean test(AuditRecord r) {
        return (since == null || !r.ts().isBefore(since))
                && (until == null || r.ts().isBefore(until))
                && (kind == null || r.kind() == kind)
                && equalsField(r, "database", database)
                && equalsField(r, "user", user)
                && equalsField(r, "decision", decision)
                && equalsField(r, "change_id", changeId)
                && (table == null || mentionsTable(r.body()));
    }

    private static boolean equalsField(AuditRecord r, String field, String wanted) {
        return wanted == null || wanted.equals(r.text(field));
    }

    private boolean mentionsTable(JsonNode body) {
        JsonNode tables = body.get("tables");
        if (tables != null && tables.isArray()) {
            for (JsonNode t : tables) {
                if (tableMatches(t.asText())) {
                    return true;
                }
            }
        }
        JsonNode single = body.get("table");
        return single != null && tableMatches(single.asText());
    }

    private boolean tableMatches(String recorded) {
        if (recorded.equals(table)) {
            return true;
        }
        int dot = recorded.lastIndexOf('.');
        return table.indexOf('.') < 0 && dot >= 0 && recorded.substring(dot + 1).equals(table);
    }
}
