package io.schemagate.pg.message.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.schemagate.pg.message.MalformedMessageException;
import io.schemagate.pg.message.PgCodec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * StartupMessage: Int32 length, Int32 protocol version (major in the high 16 bits, minor in the low),
 * then name/value string pairs ended by an empty name. The gateway reads it for the user, database
 * and application name, and relays the client's original bytes, so every parameter and the minor
 * version the client asked for reach the server unchanged.
 *
 * @param protocolVersion the requested version, e.g. {@link #PROTOCOL_3_0}
 * @param parameters      the parameters in the order sent
 */
public record StartupMessage(int protocolVersion, Map<String, String> parameters) {

    /** Protocol 3.0: 3 &lt;&lt; 16. */
    public static final int PROTOCOL_3_0 = 196608;

    public StartupMessage {
        Objects.requireNonNull(parameters, "parameters must not be null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public int majorVersion() {
        return protocolVersion >>> 16;
    }

    public int minorVersion() {
        return protocolVersion & 0xFFFF;
    }

    public String parameter(String name) {
        return parameters.get(name);
    }

    /** Decodes from the byte after the length field to the end of the packet. */
    public static StartupMessage decode(ByteBuf body) {
        int version = body.readInt();
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            if (!body.isReadable()) {
                throw new MalformedMessageException("StartupMessage parameter list is not ended by an empty name");
            }
            String name = PgCodec.readCString(body);
            if (name.isEmpty()) {
                break;
            }
            params.put(name, PgCodec.readCString(body));
        }
        return new StartupMessage(version, params);
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf buf = alloc.buffer();
        int len = PgCodec.beginUntyped(buf);
        buf.writeInt(protocolVersion);
        parameters.forEach((k, v) -> {
            PgCodec.writeCString(buf, k);
            PgCodec.writeCString(buf, v);
        });
        buf.writeByte(0);
        PgCodec.patchLength(buf, len);
        return buf;
    }
}
