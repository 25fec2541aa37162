package io.schemagate.gateway.audit;

import io.schemagate.gateway.cli.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of tampering an auditor must catch, done to a copy of a real log: the chain breaks at the
 * place of the change and {@code audit verify} names that line and exits 1.
 */
class AuditTamperingTest {

    @TempDir
    Path dir;
    Path log;
    List<String> lines;

    @BeforeEach
    void writeLog() throws Exception {
        log = dir.resolve("audit.jsonl");
        AuditLogFixture.write(log, 8, null);
        lines = new ArrayList<>(Files.readAllLines(log));
    }

    @Test
    void untouchedLogVerifies() throws Exception {
        Run run = verify(log);
        assertThat(run.exit).isZero();
        assertThat(run.out).startsWith("OK: 8 records, head ");
    }

    @Test
    void editingAFieldIsDetectedAtThatRecord() throws Exception {
        lines.set(2, lines.get(2).replace("\"decision\":\"reject\"", "\"decision\":\"allow\""));
        assertBrokenAt(3, "edited");
    }

    @Test
    void editingAHashIsDetected() throws Exception {
        String line = lines.get(4);
        int at = line.indexOf("\"hash\":\"") + 8;
        lines.set(4, line.substring(0, at) + (line.charAt(at) == 'a' ? 'b' : 'a') + line.substring(at + 1));
        assertBrokenAt(5, "edited");
    }

    @Test
    void deletingARecordIsDetected() throws Exception {
        lines.remove(3);
        assertBrokenAt(4, "sequence number 5 where 4 was expected");
    }

    @Test
    void insertingARecordIsDetected() throws Exception {
        lines.add(5, lines.get(1));
        assertBrokenAt(6, "sequence number 2 where 6 was expected");
    }

    @Test
    void reorderingRecordsIsDetected() throws Exception {
        String third = lines.get(2);
        lines.set(2, lines.get(3));
        lines.set(3, third);
        assertBrokenAt(3, "sequence number 4 where 3 was expected");
    }

    @Test
    void rebuildingTheChainAfterADeletionStillFailsWhenSigned() throws Exception {
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        Path signed = dir.resolve("signed.jsonl");
        AuditLogFixture.write(signed, 3, key);
        // Someone who can write the file but has no key re-writes it as an unsigned chain of valid hashes.
        Path forged = dir.resolve("forged.jsonl");
        AuditLogFixture.write(forged, 2, null);
        Files.copy(forged, signed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(AuditVerifier.verify(signed, key).problem()).contains("no HMAC");
    }

    @Test
    void truncatingInTheMiddleIsDetected() throws Exception {
        byte[] bytes = Files.readAllBytes(log);
        int cutFrom = String.join("\n", lines.subList(0, 3)).length() + 1 + 40;
        int cutTo = String.join("\n", lines.subList(0, 5)).length() + 1 + 10;
        byte[] cut = new byte[bytes.length - (cutTo - cutFrom)];
        System.arraycopy(bytes, 0, cut, 0, cutFrom);
        System.arraycopy(bytes, cutTo, cut, cutFrom, bytes.length - cutTo);
        Files.write(log, cut);

        Run run = verify(log);
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out).startsWith("BROKEN at line 4 ");
    }

    @Test
    void aCutShortLastRecordIsReported() throws Exception {
        byte[] bytes = Files.readAllBytes(log);
        Files.write(log, java.util.Arrays.copyOf(bytes, bytes.length - 30));
        Run run = verify(log);
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out).startsWith("BROKEN at line 8 ");
    }

    private void assertBrokenAt(int line, String problem) throws Exception {
        Files.write(log, lines);
        Run run = verify(log);
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out).startsWith("BROKEN at line " + line + " ").contains(problem);
    }

    private record Run(int exit, String out) {
    }

    private static Run verify(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = Main.run("audit", "verify", "--log", file.toString());
        } finally {
            System.setOut(saved);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }
}
