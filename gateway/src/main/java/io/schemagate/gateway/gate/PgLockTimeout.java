package io.schemagate.gateway.gate;

import java.time.Duration;

/**
 * Runs a staged plan's in-band step on the client's PostgreSQL connection under the step's lock
 * timeout. ALTER TABLE needs an ACCESS EXCLUSIVE lock; waiting for it behind a long transaction, it
 * queues every later query on the table behind itself (PostgreSQL grants locks in queue order). With
 * lock_timeout it gives up with SQLSTATE 55P03 instead, and the client can send it again.
 *
 * <p>The setting must not outlive the step on the client's session, and one statement must stay one
 * statement (it may have come in a Parse message). So the step runs in a DO block that sets the
 * timeout transaction-locally ({@code set_config(..., true)}), runs the step with EXECUTE and puts
 * the previous value back: outside a transaction block the DO is its own transaction; inside one,
 * the rest of the client's transaction keeps its own lock_timeout. If the step fails, the
 * transaction is aborted and the local setting goes with it.
 */
final class PgLockTimeout {

    private static final String TAG = "$schemagate_step$";

    private PgLockTimeout() {
    }

    /** The step wrapped to run under {@code timeout}; the step unchanged when it cannot be quoted safely. */
    static String wrap(String sql, Duration timeout) {
        // A step holding one of the dollar-quote tags used here would end the block early: sent as it is.
        if (timeout == null || timeout.isZero() || timeout.isNegative() || sql.contains("$schemagate")) {
            return sql;
        }
        return "DO $schemagate$ DECLARE before text := current_setting('lock_timeout'); BEGIN "
                + "PERFORM set_config('lock_timeout', '" + timeout.toMillis() + "ms', true); "
                + "EXECUTE " + TAG + sql + TAG + "; "
                + "PERFORM set_config('lock_timeout', before, true); END $schemagate$";
    }
}
