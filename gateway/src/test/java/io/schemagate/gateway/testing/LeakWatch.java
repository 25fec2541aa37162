package io.schemagate.gateway.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects what Netty's leak detector reports, so a test can assert that no buffer leaked instead of
 * hoping someone reads the log. Must be installed before Netty's buffer classes load: {@link PgGateway}
 * does it in its static initialiser. The detection level comes from the test JVM's
 * {@code -Dio.netty.leakDetection.level=paranoid}.
 */
public final class LeakWatch {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
                return new ResourceLeakDetector<>(resource, samplingInterval) {
                    @Override
                    protected boolean needReport() {
                        return true;
                    }

                    @Override
                    protected void reportTracedLeak(String resourceType, String records) {
                        LEAKS.add(resourceType + " leaked:" + records);
                    }

                    @Override
                    protected void reportUntracedLeak(String resourceType) {
                        LEAKS.add(resourceType + " leaked (untraced)");
                    }
                };
            }
        });
    }

    private LeakWatch() {
    }

    /** Installs the collecting detector (idempotent; the work is in the static initialiser). */
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
            System.runFinalization();
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
