package io.schemagate.gateway.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP reloads the policy, as operators expect of a daemon. The JDK exposes signal handling only
 * through {@code sun.misc.Signal} (module jdk.unsupported); where that is missing, file watching
 * alone reloads the policy.
 */
final class Signals {

    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    @SuppressWarnings("removal")
    static void onHangup(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> {
                log.info("SIGHUP: reloading the policy");
                action.run();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("SIGHUP cannot be handled on this platform ({}); the policy file is still watched", e.getMessage());
        }
    }
}
