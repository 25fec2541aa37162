package io.schemagate.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Checks a whole audit log: every line parses, sequence numbers run 1, 2, 3, ..., each record's
 * {@code prev} is the hash of the record before it, each hash matches its line, and, with a key, each
 * HMAC matches. Any edit, removal, insertion or reordering breaks one of these at or right after the
 * place it was made. Cutting records off the end cannot be seen from the file alone; that is what the
 * printed head hash is for: compare it with a head published elsewhere.
 */
public final class AuditVerifier {

    private AuditVerifier() {
    }

    /**
     * The outcome.
     *
     * @param records     how many records verified before the first problem (all of them when ok)
     * @param headHash    hash of the last good record ({@link AuditRecord#GENESIS} for an empty log)
     * @param brokenLine  1-based line of the first problem, or 0 when the chain is intact
     * @param problem     what is wrong there, or null
     */
    public record Result(long records, String headHash, long brokenLine, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    public static Result verify(Path file, byte[] hmacKey) throws IOException {
        byte[] all = Files.readAllBytes(file);
        boolean cutShort = all.length > 0 && all[all.length - 1] != '\n';
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return verify(r.lines().iterator(), cutShort, hmacKey);
        }
    }

    /**
     * Verifies records given line by line (from a file or from the shared state store).
     *
     * @param lastLineCutShort the source ended without a final newline (a record cut short)
     */
    public static Result verify(Iterator<String> lines, boolean lastLineCutShort, byte[] hmacKey) throws IOException {
        ChainCodec codec = new ChainCodec(hmacKey);
        long count = 0;
        String head = AuditRecord.GENESIS;
        String headBefore = head;
        long n = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            n++;
            String problem = check(codec, line, count + 1, head);
            if (problem != null) {
                return new Result(count, head, n, problem);
            }
            JsonNode node = ChainCodec.parse(line);
            headBefore = head;
            head = node.path("hash").asText();
            count++;
        }
        if (lastLineCutShort) {
            return new Result(count - 1, headBefore, n, "the last line has no newline: a record was cut short");
        }
        return new Result(count, head, 0, null);
    }

    private static String check(ChainCodec codec, String line, long expectedSeq, String expectedPrev) {
        JsonNode node;
        try {
            node = ChainCodec.parse(line);
        } catch (IOException e) {
            return "not a JSON record: " + firstLine(e.getMessage());
        }
        if (node == null || !node.isObject()) {
            return "not a JSON object";
        }
        String body = ChainCodec.hashedBody(line);
        if (body == null || !node.hasNonNull("hash")) {
            return "the record has no hash";
        }
        long seq = node.path("seq").asLong(-1);
        if (seq != expectedSeq) {
            return "sequence number " + seq + " where " + expectedSeq + " was expected (a record was removed, inserted or moved)";
        }
        if (!expectedPrev.equals(node.path("prev").asText())) {
            return "prev does not match the hash of the record before it (a record was removed, inserted, moved or edited)";
        }
        String hash = node.get("hash").asText();
        if (!ChainCodec.sha256(body).equals(hash)) {
            return "the record's content does not match its hash (it was edited)";
        }
        if (codec.keyed()) {
            if (!node.hasNonNull("hmac")) {
                return "the record has no HMAC but the log is expected to be signed";
            }
            if (!codec.hmac(hash).equals(node.get("hmac").asText())) {
                return "the HMAC does not match (the chain was rebuilt without the key, or the key is wrong)";
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
