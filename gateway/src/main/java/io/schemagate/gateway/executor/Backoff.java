package io.schemagate.gateway.executor;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with full jitter between attempts of a step that hit a lock timeout, so that
 * several retrying gateways do not queue behind the same long transaction in step.
 */
final class Backoff {

    private static final Duration BASE = Duration.ofMillis(200);
    private static final Duration CAP = Duration.ofSeconds(30);

    private Backoff() {
    }

    /** The pause before attempt {@code attempt} (2, 3, ...). */
    static Duration before(int attempt) {
        long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt - 1, 16));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
