package io.schemagate.pg.message.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.schemagate.pg.message.MalformedMessageException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.schemagate.pg.Bytes.assertBytes;
import static io.schemagate.pg.Bytes.i32;
import static io.schemagate.pg.Bytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendMessagesTest {

    private static final ByteBufAllocator A = ByteBufAllocator.DEFAULT;

    @Test
    void readyForQueryForEachStatus() {
        for (TransactionStatus s : TransactionStatus.values()) {
            ByteBuf encoded = new ReadyForQuery(s).encode(A);
            assertThat(ReadyForQuery.decode(encoded).status()).isEqualTo(s);
            assertBytes(encoded, of('Z', i32(5), (int) s.indicator()));
        }
        assertThat(TransactionStatus.IDLE.inTransactionBlock()).isFalse();
        assertThat(TransactionStatus.FAILED.inTransactionBlock()).isTrue();
    }

    @Test
    void readyForQueryWithUnknownStatusIsRefused() {
        ByteBuf frame = of('Z', i32(5), 'X');
        try {
            assertThatThrownBy(() -> ReadyForQuery.decode(frame)).isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("0x58");
        } finally {
            frame.release();
        }
    }

    @Test
    void backendKeyDataRoundTrip() {
        BackendKeyData k = new BackendKeyData(777, new byte[] {9, 8, 7, 6});
        ByteBuf encoded = k.encode(A);
        assertThat(BackendKeyData.decode(encoded)).isEqualTo(k);
        assertBytes(encoded, of('K', i32(12), i32(777), 9, 8, 7, 6));
    }

    @Test
    void errorResponseCarriesSeverityCodeMessageDetailHint() {
        ErrorResponse e = ErrorResponse.of("ERROR", "42501", "refused", "rule r1", "do this");
        ByteBuf encoded = e.encode(A);
        ErrorResponse back = ErrorResponse.decode(encoded);
        assertThat(back).isEqualTo(e);
        assertThat(back.sqlState()).isEqualTo("42501");
        assertBytes(encoded, of('E', i32(4 + 7 + 7 + 7 + 9 + 9 + 9 + 1), "SERROR\0VERROR\0C42501\0Mrefused\0",
                "Drule r1\0Hdo this\0", 0));
    }

    @Test
    void noticeResponseLayout() {
        ByteBuf encoded = NoticeResponse.notice("hi").encode(A);
        assertThat(NoticeResponse.decode(encoded).message()).isEqualTo("hi");
        assertBytes(encoded, of('N', i32(4 + 8 + 8 + 7 + 4 + 1), "SNOTICE\0VNOTICE\0C00000\0Mhi\0", 0));
    }

    @Test
    void authenticationSaslDropsOnlyThePlusMechanism() {
        ByteBuf server = of('R', i32(4 + 4 + 19 + 14 + 1), i32(10), "SCRAM-SHA-256-PLUS\0SCRAM-SHA-256\0", 0);
        try {
            assertThat(AuthenticationSASL.is(server)).isTrue();
            AuthenticationSASL offered = AuthenticationSASL.decode(server);
            assertThat(offered.mechanisms()).containsExactly("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256");
            assertBytes(offered.withoutChannelBinding().encode(A),
                    of('R', i32(4 + 4 + 14 + 1), i32(10), "SCRAM-SHA-256\0", 0));
            assertThat(offered.withoutChannelBinding().withoutChannelBinding()).isEqualTo(offered.withoutChannelBinding());
        } finally {
            server.release();
        }
    }

    @Test
    void otherAuthenticationRequestsAreNotSasl() {
        ByteBuf md5 = of('R', i32(12), i32(5), 1, 2, 3, 4);
        try {
            assertThat(AuthenticationSASL.is(md5)).isFalse();
        } finally {
            md5.release();
        }
        assertThat(new AuthenticationSASL(List.of("SCRAM-SHA-256")).withoutChannelBinding().mechanisms())
                .containsExactly("SCRAM-SHA-256");
    }

    @Test
    void commandCompleteCarriesItsTag() {
        ByteBuf encoded = CommandComplete.encode(A, "ALTER TABLE");
        try {
            assertThat(CommandComplete.tag(encoded)).isEqualTo("ALTER TABLE");
        } finally {
            encoded.release();
        }
        assertBytes(CommandComplete.encode(A, "DO"), of('C', i32(7), "DO\0"));
    }
}
