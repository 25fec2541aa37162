package io.schemagate.pg.message.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.schemagate.pg.message.MalformedMessageException;
import io.schemagate.pg.message.PgCodec;

import java.util.Arrays;
import java.util.Objects;

/**
 * Parse ('P'): the extended query protocol's first step. String statement name (empty: the unnamed
 * statement), String query (exactly one statement), Int16 count, then that many Int32 parameter type
 * OIDs (0: let the server infer).
 *
 * @param statementName  the prepared statement's name, empty for the unnamed one
 * @param sql            the query string
 * @param parameterTypes parameter type OIDs
 */
public record Parse(String statementName, String sql, int[] parameterTypes) {

    public static final byte TYPE = 'P';

    public Parse {
        Objects.requireNonNull(statementName, "statementName must not be null");
        Objects.requireNonNull(sql, "sql must not be null");
        parameterTypes = parameterTypes == null ? new int[0] : parameterTypes.clone();
    }

    @Override
    public int[] parameterTypes() {
        return parameterTypes.clone();
    }

    /** Decodes a whole frame: type byte, length, body. */
    public static Parse decode(ByteBuf frame) {
        ByteBuf body = frame.duplicate().skipBytes(5);
        String name = PgCodec.readCString(body);
        String sql = PgCodec.readCString(body);
        if (body.readableBytes() < 2) {
            throw new MalformedMessageException("Parse ends before its parameter count");
        }
        int n = body.readUnsignedShort();
        if (body.readableBytes() != 4 * n) {
            throw new MalformedMessageException("Parse declares " + n + " parameter types but carries "
                    + body.readableBytes() + " bytes for them");
        }
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            types[i] = body.readInt();
        }
        return new Parse(name, sql, types);
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf buf = alloc.buffer(16 + sql.length() + 4 * parameterTypes.length);
        int len = PgCodec.beginTyped(buf, 'P');
        PgCodec.writeCString(buf, statementName);
        PgCodec.writeCString(buf, sql);
        buf.writeShort(parameterTypes.length);
        for (int t : parameterTypes) {
            buf.writeInt(t);
        }
        PgCodec.patchLength(buf, len);
        return buf;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parse p && p.statementName.equals(statementName) && p.sql.equals(sql)
                && Arrays.equals(p.parameterTypes, parameterTypes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(statementName, sql, Arrays.hashCode(parameterTypes));
    }

    @Override
    public String toString() {
        return "Parse[statementName=" + statementName + ", sql=" + sql + ", parameterTypes="
                + Arrays.toString(parameterTypes) + "]";
    }
}
