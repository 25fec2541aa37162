package io.schemagate.gateway.gate;

import java.time.Duration;

/**
 * Runs one schema change on the client's PostgreSQL connection under a lock timeout, retried when the
 * timeout strikes, where the statement must stay one statement: it came in a Parse message (pgjdbc,
 * Flyway), or in a Query inside a transaction block, where a {@code SET LOCAL} in front would outlive it.
 * ALTER TABLE needs an ACCESS EXCLUSIVE lock; waiting for it behind a long transaction, it queues every
 * later query on the table behind itself (PostgreSQL grants locks in queue order). With lock_timeout
 * it gives up with SQLSTATE 55P03 instead, lets the queue drain, and tries again.
 *
 * <p>The statement runs in a DO block that sets the timeout transaction-locally
 * ({@code set_config(..., true)}) and EXECUTEs the statement in an inner block with an EXCEPTION
 * clause. PL/pgSQL runs such a block as a subtransaction, so when the statement gives up waiting
 * (lock_not_available) only the subtransaction is rolled back and the statement can be tried again,
 * inside the client's own transaction block too. Between attempts it sleeps with the same jittered
 * exponential back-off as the listener's own retries; after the last attempt the 55P03 error is
 * raised again as it came. On success the previous value is put back, so the rest of the client's
 * transaction keeps its own lock_timeout; on an error the transaction (the implicit one, or the
 * client's) is aborted and the local setting goes with it.
 */
final class PgLockTimeout {

    private static final String TAG = "$schemagate_step$";

    private PgLockTimeout() {
    }

    /**
     * {@code sql} (one statement) wrapped to run under {@code timeout}, at most {@code attempts} times;
     * null when it cannot be wrapped safely: it holds one of the dollar-quote tags used here, which
     * would end the block early.
     */
    static String wrap(String sql, Duration timeout, int attempts) {
        if (timeout == null || timeout.isZero() || timeout.isNegative() || sql.contains("$schemagate")) {
            return null;
        }
        return "DO $schemagate$ DECLARE sg_before text := current_setting('lock_timeout'); sg_attempt int := 1; BEGIN "
                + "PERFORM set_config('lock_timeout', '" + timeout.toMillis() + "ms', true); "
                + "LOOP BEGIN EXECUTE " + TAG + sql + TAG + "; EXIT; "
                + "EXCEPTION WHEN lock_not_available THEN "
                + "IF sg_attempt >= " + Math.max(1, attempts) + " THEN RAISE; END IF; "
                + "sg_attempt := sg_attempt + 1; "
                // Attempt n waits between half and all of min(10 s, 100 ms * 2^n), as the listener does.
                + "PERFORM pg_sleep(least(10, 0.1 * 2 ^ sg_attempt) * (0.5 + random() / 2)); "
                + "END; END LOOP; "
                + "PERFORM set_config('lock_timeout', sg_before, true); END $schemagate$";
    }
}
