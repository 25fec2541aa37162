package io.schemagate.gateway.server;

import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransportsTest {

    /** One read of the handle: what was asked for, then what arrived. */
    private static int read(RecvByteBufAllocator.Handle handle, EmbeddedChannel ch, int arrived) {
        handle.reset(ch.config());
        int asked = handle.guess();
        handle.lastBytesRead(arrived);
        handle.incMessagesRead(1);
        handle.readComplete();
        return asked;
    }

    @Test
    void readsStayAtLeastOneKibibyteOnAConnectionOfSmallMessages() {
        EmbeddedChannel ch = new EmbeddedChannel();
        RecvByteBufAllocator.Handle handle = Transports.readSizes().newHandle();
        int asked = 0;
        // An OLTP connection: short queries and answers, read one at a time.
        for (int i = 0; i < 100; i++) {
            asked = read(handle, ch, 20);
        }
        // Netty's default would be down to 64 bytes here, so a 113-byte INSERT would take two reads.
        assertThat(asked).isGreaterThanOrEqualTo(1024);
        ch.finishAndReleaseAll();
    }

    @Test
    void readsGrowForABulkTransfer() {
        EmbeddedChannel ch = new EmbeddedChannel();
        RecvByteBufAllocator.Handle handle = Transports.readSizes().newHandle();
        int asked = 0;
        for (int i = 0; i < 20; i++) {
            asked = read(handle, ch, Math.max(asked, 2048));
        }
        assertThat(asked).isEqualTo(65536);
        ch.finishAndReleaseAll();
    }
}
