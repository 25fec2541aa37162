package io.schemagate.gateway.ops;

import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tampering with a copy of an audit log a real gateway wrote (DDL judged, a change held, approved by
 * two people and used): {@code schemagate audit verify} exits 1 and names the line of every kind of
 * change, while the untouched log verifies and prints its head hash.
 */
class AuditTamperingRealLogIT {

    @TempDir
    static Path dir;
    static List<String> lines;

    @BeforeAll
    static void produceARealLog() throws Exception {
        String db = TestServers.createPgDatabase("sg_tamper");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, legacy text)");
        }
        try (OpsGateway gw = OpsGateway.start(ApprovalFlowIT.config(dir, "PT1H", false));
             Connection c = DriverManager.getConnection(gw.pgJdbc(db), TestServers.pgUser(), null);
             Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            s.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            s.execute("ALTER TABLE notes ADD COLUMN author text");
            String drop = "ALTER TABLE orders DROP COLUMN legacy";
            String id;
            try {
                s.execute(drop);
                throw new AssertionError("the drop should have been held");
            } catch (SQLException e) {
                id = ApprovalFlowIT.changeId(e.getMessage());
            }
            assertThat(gw.admin.approve(id, "alice-token", "ok").status()).isEqualTo(200);
            assertThat(gw.admin.approve(id, "bob-token", "ok").status()).isEqualTo(200);
            s.execute(drop);
        } finally {
            TestServers.dropPgDatabase(db);
        }
        lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
        assertThat(lines).as("a log with records worth tampering with").hasSizeGreaterThanOrEqualTo(8);
        assertThat(String.join("\n", lines)).contains("gateway_started", "statement_judged", "change_requested",
                "change_approved", "gateway_stopped");
    }

    static Path log() {
        return dir.resolve("audit").resolve("audit.jsonl");
    }

    private static Cli verify(Path file) {
        return Cli.run("audit", "verify", "--log", file.toString());
    }

    private static Path copy(String name, UnaryOperator<List<String>> change) throws Exception {
        List<String> changed = change.apply(new ArrayList<>(lines));
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", changed) + "\n", StandardCharsets.UTF_8);
        return p;
    }

    private static void assertBrokenAt(Path file, int line, String why) {
        Cli r = verify(file);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).as(r.toString()).contains("BROKEN at line " + line + " ").contains(why);
    }

    @Test
    void theUntouchedLogVerifiesAndPrintsItsHead() throws Exception {
        Cli r = verify(log());
        assertThat(r.exit()).as(r.toString()).isZero();
        String lastHash = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(lines.size() - 1)).path("hash").asText();
        assertThat(r.out()).contains("OK: " + lines.size() + " records, head " + lastHash);
    }

    @Test
    void anEditedRecordIsNamed() throws Exception {
        int i = indexOf("change_approved");
        Path p = copy("edited.jsonl", l -> {
            l.set(i, l.get(i).replace("\"approver\":\"alice\"", "\"approver\":\"mallory\""));
            return l;
        });
        assertThat(Files.readString(p)).contains("mallory");
        assertBrokenAt(p, i + 1, "edited");
    }

    @Test
    void aDeletedRecordIsNamed() throws Exception {
        int i = indexOf("change_requested");
        assertBrokenAt(copy("deleted.jsonl", l -> {
            l.remove(i);
            return l;
        }), i + 1, "removed");
    }

    @Test
    void anInsertedRecordIsNamed() throws Exception {
        int i = indexOf("change_requested");
        assertBrokenAt(copy("inserted.jsonl", l -> {
            l.add(i, l.get(i - 1));
            return l;
        }), i + 1, "inserted");
    }

    @Test
    void reorderedRecordsAreNamed() throws Exception {
        int i = indexOf("change_approved");
        assertBrokenAt(copy("reordered.jsonl", l -> {
            Collections.swap(l, i, i + 1);
            return l;
        }), i + 1, "moved");
    }

    @Test
    void aCutInTheMiddleIsNamed() throws Exception {
        // Bytes removed from the middle of one record up to the middle of the next: one broken line
        // (unparseable or with a prev that no longer matches, depending on where the cut falls).
        int i = indexOf("change_requested");
        assertBrokenAt(copy("cut.jsonl", l -> {
            String joined = l.get(i).substring(0, l.get(i).length() / 2) + l.get(i + 1).substring(l.get(i + 1).length() / 2);
            l.remove(i + 1);
            l.set(i, joined);
            return l;
        }), i + 1, "");
    }

    @Test
    void aTailCutShortIsNamed() throws Exception {
        String all = Files.readString(log(), StandardCharsets.UTF_8);
        Path p = dir.resolve("tail.jsonl");
        Files.writeString(p, all.substring(0, all.length() - 20), StandardCharsets.UTF_8);
        Cli r = verify(p);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("BROKEN at line " + lines.size() + " ");
    }

    private static int indexOf(String kind) {
        for (int i = 1; i < lines.size() - 1; i++) {
            if (lines.get(i).contains("\"" + kind + "\"")) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " record in the middle of the log:\n" + String.join("\n", lines));
    }
}
