package io.schemagate.pg.message.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.schemagate.pg.message.MalformedMessageException;
import io.schemagate.pg.message.PgCodec;

import java.util.Objects;

/**
 * Query ('Q'): the simple query protocol; one string that may hold several statements separated by
 * semicolons, run as one implicit transaction unless it contains transaction control.
 *
 * @param sql the query string
 */
public record Query(String sql) {

    public static final byte TYPE = 'Q';

    public Query {
        Objects.requireNonNull(sql, "sql must not be null");
    }

    /** Decodes a whole frame: type byte, length, body. */
    public static Query decode(ByteBuf frame) {
        ByteBuf body = frame.duplicate().skipBytes(5);
        String sql = PgCodec.readCString(body);
        if (body.isReadable()) {
            throw new MalformedMessageException("Query has " + body.readableBytes() + " bytes after its string");
        }
        return new Query(sql);
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf buf = alloc.buffer(6 + sql.length());
        int len = PgCodec.beginTyped(buf, 'Q');
        PgCodec.writeCString(buf, sql);
        PgCodec.patchLength(buf, len);
        return buf;
    }
}
