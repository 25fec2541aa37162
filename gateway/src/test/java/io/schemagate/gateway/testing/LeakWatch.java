package io.schemagate.gateway.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects what Netty's leak detector reports, so a test can assert that no buffer leaked instead of
 * hoping someone reads the log. The detector reports through its logger at ERROR; this listens on
 * that logger, so it works whichever test touched Netty first. The detection level comes from the
 * test JVM's {@code -Dio.netty.leakDetection.level=paranoid}.
 */
public final class LeakWatch {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        Logger detector = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                if (e.getLevel().isGreaterOrEqual(Level.ERROR) && e.getFormattedMessage().contains("LEAK")) {
                    LEAKS.add(e.getFormattedMessage());
                }
            }
        };
        appender.setName("leak-watch");
        appender.setContext(detector.getLoggerContext());
        appender.start();
        detector.addAppender(appender);
    }

    private LeakWatch() {
    }

    /** Starts listening (idempotent; the work is in the static initialiser). */
    public static void install() {
        // Loading the class is enough.
    }

    /**
     * Lets the garbage collector find unreleased buffers and makes the detector look at them: it
     * reports leaks when a new buffer is tracked. Returns the leaks reported so far.
     */
    public static List<String> collect() {
        for (int round = 0; round < 5; round++) {
            System.gc();
            for (int i = 0; i < 200; i++) {
                ByteBuf a = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                ByteBuf b = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
                a.release();
                b.release();
            }
        }
        return List.copyOf(LEAKS);
    }
}
