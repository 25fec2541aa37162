package io.schemagate.pg.message.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.schemagate.pg.message.MalformedMessageException;
import io.schemagate.pg.message.PgCodec;

import java.util.List;
import java.util.Objects;

/**
 * AuthenticationSASL ('R', Int32 10): the SASL mechanisms the server offers, each a string, the list
 * ended by an empty string. The relay removes {@value #SCRAM_SHA_256_PLUS}: channel binding ties the
 * SCRAM exchange to the TLS channel the server sees, and the client's channel ends at the gateway, so a
 * client that picked PLUS would always fail (RFC 5802 section 6, RFC 5929 tls-server-end-point).
 *
 * @param mechanisms mechanism names in the server's order of preference
 */
public record AuthenticationSASL(List<String> mechanisms) {

    public static final byte TYPE = 'R';
    /** The Authentication sub-code of AuthenticationSASL. */
    public static final int CODE = 10;
    public static final String SCRAM_SHA_256_PLUS = "SCRAM-SHA-256-PLUS";

    public AuthenticationSASL {
        Objects.requireNonNull(mechanisms, "mechanisms must not be null");
        mechanisms = List.copyOf(mechanisms);
    }

    /** Whether a whole 'R' frame is AuthenticationSASL (its Int32 sub-code is 10). */
    public static boolean is(ByteBuf frame) {
        return frame.readableBytes() >= 9 && frame.getByte(frame.readerIndex()) == TYPE
                && frame.getInt(frame.readerIndex() + 5) == CODE;
    }

    public AuthenticationSASL withoutChannelBinding() {
        return new AuthenticationSASL(mechanisms.stream().filter(m -> !m.equals(SCRAM_SHA_256_PLUS)).toList());
    }

    /** Decodes a whole frame: type byte, length, sub-code, mechanism list. */
    public static AuthenticationSASL decode(ByteBuf frame) {
        if (!is(frame)) {
            throw new MalformedMessageException("not an AuthenticationSASL message");
        }
        ByteBuf body = frame.duplicate().skipBytes(9);
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        while (true) {
            String name = PgCodec.readCString(body);
            if (name.isEmpty()) {
                break;
            }
            names.add(name);
        }
        return new AuthenticationSASL(names);
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf buf = alloc.buffer();
        int len = PgCodec.beginTyped(buf, (char) TYPE);
        buf.writeInt(CODE);
        for (String m : mechanisms) {
            PgCodec.writeCString(buf, m);
        }
        buf.writeByte(0);
        PgCodec.patchLength(buf, len);
        return buf;
    }
}
