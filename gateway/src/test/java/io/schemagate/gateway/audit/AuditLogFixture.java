package io.schemagate.gateway.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Writes small, realistic audit logs for the tests to verify and tamper with. */
final class AuditLogFixture {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    private AuditLogFixture() {
    }

    static AuditEvent judged(int i) {
        return AuditEvent.of(AuditKind.STATEMENT_JUDGED)
                .put("user", i % 2 == 0 ? "app" : "alice")
                .put("client_address", "127.0.0.1")
                .put("application_name", "psql")
                .put("database", "shop")
                .put("statement", "ALTER TABLE orders ADD COLUMN c" + i + " int NOT NULL DEFAULT (random()*100)::int")
                .put("fingerprint", "fp" + i)
                .put("tables", List.of("public.orders"))
                .put("findings", List.of("adding-volatile-default"))
                .put("decision", i % 3 == 0 ? "reject" : "rewrite")
                .put("rule", "default")
                .build();
    }

    /** A log of {@code n} records at {@code file}, optionally signed. */
    static void write(Path file, int n, byte[] key) {
        try (FileAuditLog log = FileAuditLog.open(file, "gw-test", key, CLOCK)) {
            for (int i = 1; i <= n; i++) {
                log.append(judged(i)).join();
            }
        }
    }
}
