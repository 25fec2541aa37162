package io.schemagate.gateway.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileAuditLogTest {

    private static final byte[] KEY = "s3cret-audit-key".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void recordsAreChainedAndVerify() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditLogFixture.write(file, 5, null);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("{\"seq\":1,\"ts\":\"2026-11-25T10:00:00Z\",\"gateway\":\"gw-test\",\"kind\":\"statement_judged\",\"user\":\"alice\"")
                .contains("\"prev\":\"" + AuditRecord.GENESIS + "\"");
        AuditVerifier.Result r = AuditVerifier.verify(file, null);
        assertThat(r.ok()).as(r.problem()).isTrue();
        assertThat(r.records()).isEqualTo(5);
        assertThat(lines.get(4)).contains("\"hash\":\"" + r.headHash() + "\"");
    }

    @Test
    void reopeningContinuesTheChain() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditLogFixture.write(file, 3, KEY);
        AuditLogFixture.write(file, 2, KEY);

        AuditVerifier.Result r = AuditVerifier.verify(file, KEY);
        assertThat(r.ok()).as(r.problem()).isTrue();
        assertThat(r.records()).isEqualTo(5);
    }

    @Test
    void signedLogFailsWithTheWrongKeyOrWithoutSignatures() throws Exception {
        Path signed = dir.resolve("signed.jsonl");
        AuditLogFixture.write(signed, 3, KEY);
        assertThat(AuditVerifier.verify(signed, "other".getBytes(StandardCharsets.UTF_8)).problem())
                .contains("HMAC does not match");

        Path unsigned = dir.resolve("unsigned.jsonl");
        AuditLogFixture.write(unsigned, 3, null);
        AuditVerifier.Result r = AuditVerifier.verify(unsigned, KEY);
        assertThat(r.brokenLine()).isEqualTo(1);
        assertThat(r.problem()).contains("no HMAC");
    }

    @Test
    void concurrentWritersShareOneUnbrokenChain() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (FileAuditLog log = FileAuditLog.open(file, "gw-test", KEY, AuditLogFixture.CLOCK)) {
            List<CompletableFuture<AuditRecord>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int base = t * 250;
                all.add(CompletableFuture.supplyAsync(() -> {
                    AuditRecord last = null;
                    for (int i = 0; i < 250; i++) {
                        last = log.append(AuditLogFixture.judged(base + i)).join();
                    }
                    return last;
                }, pool));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        AuditVerifier.Result r = AuditVerifier.verify(file, KEY);
        assertThat(r.ok()).as(r.problem()).isTrue();
        assertThat(r.records()).isEqualTo(2000);
    }

    @Test
    void aRecordCutShortByACrashIsRemovedOnOpen() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditLogFixture.write(file, 3, null);
        Files.writeString(file, "{\"seq\":4,\"ts\":\"2026-11-25T10:00:00Z\",\"gat", StandardOpenOption.APPEND);
        assertThat(AuditVerifier.verify(file, null).ok()).isFalse();

        AuditLogFixture.write(file, 1, null);

        AuditVerifier.Result r = AuditVerifier.verify(file, null);
        assertThat(r.ok()).as(r.problem()).isTrue();
        assertThat(r.records()).isEqualTo(4);
    }

    /** /dev/full answers every write with ENOSPC, exactly as a full disk does. */
    @Test
    void aFullDiskFailsTheAppendAndMarksTheLogUnwritable() {
        Path full = Path.of("/dev/full");
        assertThat(Files.isWritable(full)).as("this test needs Linux /dev/full").isTrue();
        try (FileAuditLog log = FileAuditLog.open(full, "gw-test", null, AuditLogFixture.CLOCK)) {
            assertThat(log.writable()).isTrue();
            assertThatThrownBy(() -> log.append(AuditLogFixture.judged(1)).join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(AuditWriteException.class)
                    .hasMessageContaining("schema changes are refused until it is writable again");
            assertThat(log.writable()).isFalse();
        }
    }

    @Test
    void appendAfterCloseFailsInsteadOfHanging() {
        Path file = dir.resolve("audit.jsonl");
        FileAuditLog log = FileAuditLog.open(file, "gw-test", null, AuditLogFixture.CLOCK);
        log.close();
        assertThatThrownBy(() -> log.append(AuditLogFixture.judged(1)).join())
                .hasCauseInstanceOf(AuditWriteException.class);
    }
}
