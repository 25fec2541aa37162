package io.schemagate.gateway.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails a test class when Netty's leak detector (paranoid in tests, see the parent pom) reported a
 * buffer that was collected without being released while the class ran.
 */
final class NoNettyLeaks implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoNettyLeaks.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("log", new LogCapture("io.netty.util.ResourceLeakDetector"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try (LogCapture log = context.getStore(NS).remove("log", LogCapture.class)) {
            // Leaks are reported when the detector polls its queue of collected trackers, which it
            // does on each new tracked allocation: collect, then allocate.
            for (int i = 0; i < 5; i++) {
                System.gc();
                for (int j = 0; j < 200; j++) {
                    ByteBuf b = PooledByteBufAllocator.DEFAULT.buffer(64);
                    b.release();
                }
            }
            assertThat(log.messages()).as("Netty leak reports").noneMatch(m -> m.contains("LEAK"));
        }
    }
}
