package io.schemagate.pg.message.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * NoticeResponse ('N'): a message that does not end the statement; the gateway writes it to tell a
 * client what it did (a rewritten statement, a migration id). Same field layout as ErrorResponse.
 *
 * @param fields field code to value, in wire order
 */
public record NoticeResponse(Map<Character, String> fields) {

    public static final byte TYPE = 'N';

    public NoticeResponse {
        Objects.requireNonNull(fields, "fields must not be null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A NOTICE-severity message with SQLSTATE 00000 (successful_completion). */
    public static NoticeResponse notice(String message) {
        return new NoticeResponse(NoticeFields.of("NOTICE", "00000", message, null, null));
    }

    public String message() {
        return fields.get(NoticeFields.MESSAGE);
    }

    public static NoticeResponse decode(ByteBuf frame) {
        return new NoticeResponse(NoticeFields.decode(frame, TYPE));
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        return NoticeFields.encode(alloc, (char) TYPE, fields);
    }
}
