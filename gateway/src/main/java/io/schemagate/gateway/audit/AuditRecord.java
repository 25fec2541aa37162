package io.schemagate.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of the audit log as read back.
 *
 * <p>Layout of a line (one JSON object, fields in this order):
 * {@code {"seq":N,"ts":"...","gateway":"...","kind":"...", <event fields>, "prev":"<hex>","hash":"<hex>"[,"hmac":"<hex>"]}}.
 * {@code hash} is the SHA-256 of the line's UTF-8 bytes up to (not including) {@code ,"hash":}, so it
 * covers the sequence number, the time, every event field and the previous record's hash; {@code prev}
 * of the first record is 64 zeros. Because a JSON string escapes every quote, the text {@code ,"hash":"}
 * cannot occur inside a value, which makes the split unambiguous. {@code hmac}, present when the log is
 * keyed, is HMAC-SHA256 over the hash, so a person who can edit the file but lacks the key cannot
 * rebuild a valid chain.
 *
 * @param seq     1-based position in the chain
 * @param ts      when the gateway wrote it
 * @param gateway the id of the gateway that wrote it
 * @param kind    what it records
 * @param body    the whole record as a JSON tree (envelope and event fields)
 * @param prev    the previous record's hash
 * @param hash    this record's hash
 * @param hmac    this record's HMAC, or null for an unkeyed log
 */
public record AuditRecord(long seq, Instant ts, String gateway, AuditKind kind, JsonNode body, String prev,
                          String hash, String hmac) {

    /** Fields the log itself sets; an event may not use these names. */
    public static final List<String> ENVELOPE_FIELDS = List.of("seq", "ts", "gateway", "kind", "prev", "hash", "hmac");

    /** The {@code prev} of the first record. */
    public static final String GENESIS = "0".repeat(64);

    public AuditRecord {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(hash, "hash must not be null");
    }

    /** An event field as text, or null when the record does not have it. */
    public String text(String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.isValueNode() ? n.asText() : n.toString();
    }
}
