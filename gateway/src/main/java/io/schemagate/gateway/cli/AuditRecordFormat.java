package io.schemagate.gateway.cli;

import io.schemagate.gateway.audit.AuditRecord;

import java.io.PrintWriter;
import java.util.List;

/** How {@code audit list|export} print records. */
enum AuditRecordFormat {
    TABLE, JSON, CSV;

    private static final List<String> COLUMNS = List.of("seq", "ts", "kind", "user", "database", "decision",
            "rule", "change_id", "statement");

    static AuditRecordFormat of(String name) {
        return switch (name) {
            case "table" -> TABLE;
            case "json" -> JSON;
            case "csv" -> CSV;
            default -> throw new IllegalArgumentException("unknown --format '" + name + "': use table, json or csv");
        };
    }

    void header(PrintWriter out) {
        switch (this) {
            case TABLE -> out.printf("%-6s %-24s %-24s %-12s %-12s %-16s %-24s %-14s %s%n", (Object[]) COLUMNS.stream()
                    .map(String::toUpperCase).toArray(String[]::new));
            case CSV -> out.println(String.join(",", COLUMNS));
            case JSON -> {
            }
        }
    }

    void row(PrintWriter out, AuditRecord r) {
        switch (this) {
            case JSON -> out.println(r.body().toString());
            case TABLE -> out.printf("%-6d %-24s %-24s %-12s %-12s %-16s %-24s %-14s %s%n", r.seq(), r.ts(), r.kind().id(),
                    dash(r.text("user")), dash(r.text("database")), dash(r.text("decision")), dash(r.text("rule")),
                    dash(r.text("change_id")), oneLine(r.text("statement"), 80));
            case CSV -> out.println(String.join(",", COLUMNS.stream().map(c -> csv(value(r, c))).toList()));
        }
    }

    private static String value(AuditRecord r, String column) {
        return switch (column) {
            case "seq" -> Long.toString(r.seq());
            case "ts" -> r.ts().toString();
            case "kind" -> r.kind().id();
            default -> r.text(column);
        };
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    private static String oneLine(String s, int max) {
        if (s == null) {
            return "-";
        }
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
    }

    /** RFC 4180: quote fields with commas, quotes or line breaks; double the quotes inside. */
    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
