package io.schemagate.pg.message.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.schemagate.pg.message.MalformedMessageException;
import io.schemagate.pg.message.PgCodec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body shared by ErrorResponse and NoticeResponse: a list of (Byte1 field code, String value)
 * ended by a zero byte. Codes from the protocol's "Error and Notice Message Fields" section.
 */
public final class NoticeFields {

    /** 'S': localized severity. */
    public static final char SEVERITY = 'S';
    /** 'V': severity, never localized (protocol 3.0 servers from 9.6). */
    public static final char SEVERITY_NONLOCALIZED = 'V';
    /** 'C': the SQLSTATE code. */
    public static final char CODE = 'C';
    /** 'M': the primary message. */
    public static final char MESSAGE = 'M';
    /** 'D': detail. */
    public static final char DETAIL = 'D';
    /** 'H': hint. */
    public static final char HINT = 'H';

    private NoticeFields() {
    }

    static Map<Character, String> of(String severity, String sqlState, String message, String detail, String hint) {
        Map<Character, String> f = new LinkedHashMap<>();
        f.put(SEVERITY, severity);
        f.put(SEVERITY_NONLOCALIZED, severity);
        f.put(CODE, sqlState);
        f.put(MESSAGE, message);
        if (detail != null) {
            f.put(DETAIL, detail);
        }
        if (hint != null) {
            f.put(HINT, hint);
        }
        return f;
    }

    static Map<Character, String> decode(ByteBuf frame, byte expectedType) {
        if (frame.getByte(frame.readerIndex()) != expectedType) {
            throw new MalformedMessageException("expected message type '" + (char) expectedType + "'");
        }
        ByteBuf body = frame.duplicate().skipBytes(5);
        Map<Character, String> f = new LinkedHashMap<>();
        while (true) {
            if (!body.isReadable()) {
                throw new MalformedMessageException("field list of '" + (char) expectedType + "' is not ended by a zero byte");
            }
            byte code = body.readByte();
            if (code == 0) {
                break;
            }
            f.put((char) code, PgCodec.readCString(body));
        }
        return Collections.unmodifiableMap(f);
    }

    static ByteBuf encode(ByteBufAllocator alloc, char type, Map<Character, String> fields) {
        ByteBuf buf = alloc.buffer();
        int len = PgCodec.beginTyped(buf, type);
        fields.forEach((code, value) -> {
            buf.writeByte(code);
            PgCodec.writeCString(buf, value);
        });
        buf.writeByte(0);
        PgCodec.patchLength(buf, len);
        return buf;
    }
}
