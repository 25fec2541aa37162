package io.schemagate.gateway.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP reloads the policy, as operators expect of a daemon; SIGTERM and SIGINT stop it gracefully. The JDK exposes signal handling only
 * through {@code sun.misc.Signal} (module jdk.unsupported); where that is missing, file watching
 * alone reloads the policy.
 */
public final class Signals {

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

    /**
     * SIGTERM and SIGINT run {@code stop} instead of the JVM's default, which would start the
     * shutdown hooks and end the process with status 143 (128 + SIGTERM). A stop asked for is a
     * normal end: the caller returns from main and exits 0 once {@code stop} is done. Returns false
     * where signals cannot be handled (the shutdown hook then stops the gateway).
     */
    @SuppressWarnings("removal")
    public static boolean onTerminate(Runnable stop) {
        try {
            for (String name : new String[]{"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
                    log.info("SIG{}: stopping", s.getName());
                    // Off the signal dispatcher, so a second signal is still delivered (and ignored by close()).
                    Thread t = new Thread(stop, "schemagate-stop");
                    t.start();
                });
            }
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("SIGTERM cannot be handled on this platform ({}); the shutdown hook stops the gateway", e.getMessage());
            return false;
        }
    }
}
