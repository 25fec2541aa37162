package io.schemagate.pg.message.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.schemagate.pg.message.MalformedMessageException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.schemagate.pg.Bytes.assertBytes;
import static io.schemagate.pg.Bytes.i16;
import static io.schemagate.pg.Bytes.i32;
import static io.schemagate.pg.Bytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrontendMessagesTest {

    private static final ByteBufAllocator A = ByteBufAllocator.DEFAULT;

    @Test
    void startupMessageRoundTripKeepsParameterOrderAndMinorVersion() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("user", "app");
        p.put("database", "db");
        p.put("options", "-c search_path=s1");
        StartupMessage m = new StartupMessage(196608 | 2, p);
        ByteBuf expected = of(i32(4 + 4 + 5 + 4 + 9 + 3 + 8 + 18 + 1), i32(196610), "user\0app\0database\0db\0",
                "options\0-c search_path=s1\0", 0);
        ByteBuf encoded = m.encode(A);
        StartupMessage decoded = StartupMessage.decode(encoded.duplicate().skipBytes(4));
        assertThat(decoded).isEqualTo(m);
        assertThat(decoded.majorVersion()).isEqualTo(3);
        assertThat(decoded.minorVersion()).isEqualTo(2);
        assertThat(decoded.parameters().keySet()).containsExactly("user", "database", "options");
        assertBytes(encoded, expected);
    }

    @Test
    void startupMessageWithoutTerminatorIsRefused() {
        ByteBuf body = of(i32(196608), "user\0app\0");
        try {
            assertThatThrownBy(() -> StartupMessage.decode(body)).isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("not ended by an empty name");
        } finally {
            body.release();
        }
    }

    @Test
    void sslRequestIsEightBytesWithItsCode() {
        assertBytes(SSLRequest.encode(A), of(0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f));
        assertThat(GSSENCRequest.CODE).isEqualTo((1234 << 16) | 5680);
    }

    @Test
    void cancelRequestRoundTripWithFourByteKey() {
        CancelRequest c = new CancelRequest(4242, new byte[] {1, 2, 3, 4});
        ByteBuf encoded = c.encode(A);
        assertThat(CancelRequest.decode(encoded.duplicate().skipBytes(8))).isEqualTo(c);
        assertBytes(encoded, of(i32(16), i32(80877102), i32(4242), 1, 2, 3, 4));
    }

    @Test
    void cancelRequestAcceptsLongKeysOfProtocol32() {
        byte[] key = new byte[32];
        key[31] = 7;
        CancelRequest c = new CancelRequest(1, key);
        ByteBuf encoded = c.encode(A);
        try {
            assertThat(CancelRequest.decode(encoded.duplicate().skipBytes(8))).isEqualTo(c);
        } finally {
            encoded.release();
        }
    }

    @Test
    void queryRoundTrip() {
        Query q = new Query("SELECT 1; SELECT 'é'");
        ByteBuf encoded = q.encode(A);
        assertThat(Query.decode(encoded)).isEqualTo(q);
        assertBytes(encoded, of('Q', i32(4 + 22), "SELECT 1; SELECT 'é'\0"));
    }

    @Test
    void queryWithTrailingBytesIsRefused() {
        ByteBuf frame = of('Q', i32(4 + 4), "x\0", 'y', 0);
        try {
            assertThatThrownBy(() -> Query.decode(frame)).isInstanceOf(MalformedMessageException.class);
        } finally {
            frame.release();
        }
    }

    @Test
    void parseRoundTripWithParameterTypes() {
        Parse p = new Parse("s1", "SELECT $1::int", new int[] {23});
        ByteBuf encoded = p.encode(A);
        assertThat(Parse.decode(encoded)).isEqualTo(p);
        assertBytes(encoded, of('P', i32(4 + 3 + 15 + 2 + 4), "s1\0SELECT $1::int\0", i16(1), i32(23)));
    }

    @Test
    void parseWithWrongParameterCountIsRefused() {
        ByteBuf frame = of('P', i32(4 + 1 + 2 + 2), "\0x\0", i16(1));
        try {
            assertThatThrownBy(() -> Parse.decode(frame)).isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("declares 1 parameter types");
        } finally {
            frame.release();
        }
    }
}
