package io.schemagate.gateway.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened and must be recorded, before the log gives it a sequence number, a time
 * and its place in the hash chain. {@code fields} keep their insertion order, which is the order they
 * appear in the JSON line; values are strings, numbers, booleans, lists or nested maps.
 */
public record AuditEvent(AuditKind kind, Map<String, Object> fields) {

    public AuditEvent {
        Objects.requireNonNull(kind, "kind must not be null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        for (String reserved : AuditRecord.ENVELOPE_FIELDS) {
            if (fields.containsKey(reserved)) {
                throw new IllegalArgumentException("'" + reserved + "' is set by the audit log itself");
            }
        }
    }

    public static Builder of(AuditKind kind) {
        return new Builder(kind);
    }

    /** Collects fields in order, leaving out nulls so records carry only what is known. */
    public static final class Builder {
        private final AuditKind kind;
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder(AuditKind kind) {
            this.kind = kind;
        }

        public Builder put(String name, Object value) {
            if (value != null) {
                fields.put(name, value);
            }
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(kind, fields);
        }
    }
}
