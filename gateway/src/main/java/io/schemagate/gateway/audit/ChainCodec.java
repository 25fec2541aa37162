package io.schemagate.gateway.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Writes and reads the bytes of audit lines and computes their hashes; shared by the writer and the
 * verifier so that both agree on exactly which bytes are hashed. See {@link AuditRecord} for the layout.
 */
final class ChainCodec {

    static final String HASH_MARKER = ",\"hash\":\"";
    private static final HexFormat HEX = HexFormat.of();
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final byte[] hmacKey;

    ChainCodec(byte[] hmacKey) {
        this.hmacKey = hmacKey == null ? null : hmacKey.clone();
    }

    boolean keyed() {
        return hmacKey != null;
    }

    /** The full line (with its trailing newline) for an event at position {@code seq} after {@code prev}. */
    byte[] encode(long seq, Instant ts, String gateway, AuditEvent event, String prev) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("seq", seq);
            g.writeStringField("ts", ts.toString());
            g.writeStringField("gateway", gateway);
            g.writeStringField("kind", event.kind().id());
            for (Map.Entry<String, Object> f : event.fields().entrySet()) {
                g.writeFieldName(f.getKey());
                JSON.writeValue(g, f.getValue());
            }
            g.writeStringField("prev", prev);
            // The object is left open: the hash covers exactly the bytes written so far.
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an audit record of kind " + event.kind().id(), e);
        }
        byte[] bodyBytes = stripClosingBrace(out.toByteArray());
        String hash = sha256(bodyBytes);
        StringBuilder tail = new StringBuilder(160).append(HASH_MARKER).append(hash).append('"');
        if (hmacKey != null) {
            tail.append(",\"hmac\":\"").append(hmac(hash)).append('"');
        }
        tail.append("}\n");
        byte[] tailBytes = tail.toString().getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[bodyBytes.length + tailBytes.length];
        System.arraycopy(bodyBytes, 0, line, 0, bodyBytes.length);
        System.arraycopy(tailBytes, 0, line, bodyBytes.length, tailBytes.length);
        return line;
    }

    /**
     * Jackson's generator writes the closing brace when it is closed; the hashed body is the object
     * without it, so it is taken off again here.
     */
    private static byte[] stripClosingBrace(byte[] json) {
        int end = json.length;
        if (end == 0 || json[end - 1] != '}') {
            throw new IllegalStateException("audit record encoding did not end with '}'");
        }
        byte[] body = new byte[end - 1];
        System.arraycopy(json, 0, body, 0, end - 1);
        return body;
    }

    /** The part of a line that is hashed, or null when the line has no hash marker. */
    static String hashedBody(String line) {
        int at = line.lastIndexOf(HASH_MARKER);
        return at < 0 ? null : line.substring(0, at);
    }

    static JsonNode parse(String line) throws IOException {
        return JSON.readTree(line);
    }

    static String sha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    String hmac(String hash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(hash.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot compute HmacSHA256", e);
        }
    }

    /** Reads a record's envelope from its parsed line. */
    static AuditRecord toRecord(JsonNode n) {
        return new AuditRecord(n.path("seq").asLong(), Instant.parse(n.path("ts").asText()),
                n.path("gateway").asText(null), AuditKind.fromId(n.path("kind").asText()), n,
                n.path("prev").asText(null), n.path("hash").asText(), n.hasNonNull("hmac") ? n.get("hmac").asText() : null);
    }
}
