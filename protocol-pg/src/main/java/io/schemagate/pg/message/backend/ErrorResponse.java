package io.schemagate.pg.message.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * ErrorResponse ('E'): what the gateway says when it refuses something itself (a protocol violation,
 * an unreachable server, a statement the policy refuses). Errors from the server are relayed as
 * opaque frames and never rebuilt.
 *
 * @param fields field code to value, in wire order
 */
public record ErrorResponse(Map<Character, String> fields) {

    public static final byte TYPE = 'E';

    /** SQLSTATE 08P01 protocol_violation. */
    public static final String PROTOCOL_VIOLATION = "08P01";
    /** SQLSTATE 08006 connection_failure. */
    public static final String CONNECTION_FAILURE = "08006";

    public ErrorResponse {
        Objects.requireNonNull(fields, "fields must not be null");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** An error with the given severity (ERROR or FATAL), SQLSTATE, message and optional detail and hint. */
    public static ErrorResponse of(String severity, String sqlState, String message, String detail, String hint) {
        return new ErrorResponse(NoticeFields.of(severity, sqlState, message, detail, hint));
    }

    /** A FATAL error: the server (or the gateway) closes the connection after it. */
    public static ErrorResponse fatal(String sqlState, String message, String hint) {
        return of("FATAL", sqlState, message, null, hint);
    }

    public String sqlState() {
        return fields.get(NoticeFields.CODE);
    }

    public String message() {
        return fields.get(NoticeFields.MESSAGE);
    }

    public static ErrorResponse decode(ByteBuf frame) {
        return new ErrorResponse(NoticeFields.decode(frame, TYPE));
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        return NoticeFields.encode(alloc, (char) TYPE, fields);
    }
}
