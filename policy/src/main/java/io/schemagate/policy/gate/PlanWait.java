package io.schemagate.policy.gate;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The client of a staged rewrite waits until the whole plan is done (policy {@code wait: true}):
 * once its own statement (the in-band step) has succeeded outside a transaction block, the listener
 * holds the client's answer until {@link #outcome()} completes. Meanwhile a PostgreSQL client hears
 * {@link #progress()} every {@link #progressInterval()}; MySQL has no message for that.
 *
 * <p>A client that goes away while it waits does not stop the plan: the listener just drops its wait.
 */
public interface PlanWait {

    /** How often a waiting PostgreSQL client is told the plan's progress. */
    Duration progressInterval();

    /** One line on where the plan stands. Reads memory only, so an event loop may call it. */
    String progress();

    /**
     * What the client is told when its statement ended up inside a transaction block after all (a
     * driver that sends BEGIN with it), where it cannot wait: the plan runs after COMMIT.
     */
    String notWaiting();

    /**
     * What the client gets when it cancels its wait (PostgreSQL CancelRequest): the wait ends with
     * this error, and the plan goes on.
     */
    GateVerdict.Refuse cancelled();

    /** Completes, on a thread of the gateway's (never an event loop), when the plan has ended one way or the other. */
    CompletionStage<Outcome> outcome();

    /**
     * How the plan ended for the waiting client.
     *
     * @param notice  said to the client before its statement's success, when {@code failure} is null
     * @param failure the error the client gets in place of its statement's success, or null
     */
    record Outcome(String notice, GateVerdict.Refuse failure) {
        public Outcome {
            if ((notice == null) == (failure == null)) {
                throw new IllegalArgumentException("an outcome has a notice or a failure, not both or neither");
            }
        }

        public static Outcome done(String notice) {
            return new Outcome(Objects.requireNonNull(notice, "notice"), null);
        }

        public static Outcome failed(GateVerdict.Refuse failure) {
            return new Outcome(null, Objects.requireNonNull(failure, "failure"));
        }
    }
}
