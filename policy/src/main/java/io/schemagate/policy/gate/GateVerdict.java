package io.schemagate.policy.gate;

import java.util.List;
import java.util.Objects;

/** What a protocol listener must do with a judged query string. */
public sealed interface GateVerdict {

    /**
     * Send {@code sql} to the server in place of what the client sent ({@code null}: the client's own
     * bytes, unchanged), tell the client each of {@code notices} (PG NoticeResponse, MySQL warning),
     * and report the outcome to {@code listener} when there is one.
     */
    record Forward(String sql, List<String> notices, StatementListener listener, LockGuard guard) implements GateVerdict {
        public static final Forward UNCHANGED = new Forward(null, List.of(), null, null);

        public Forward {
            notices = List.copyOf(notices);
        }

        public Forward(String sql, List<String> notices) {
            this(sql, notices, null, null);
        }

        public Forward(String sql, List<String> notices, StatementListener listener) {
            this(sql, notices, listener, null);
        }
    }

    /**
     * How the forwarded schema change is kept from queueing behind long transactions.
     *
     * @param hiddenResults statements at the start of {@code sql} that set a lock timeout, whose results
     *                      the client must not see
     * @param maxAttempts   when the server gives up waiting for a lock (PostgreSQL 55P03, MySQL 1205) the
     *                      listener sends the same text again after a back-off, at most this many times
     *                      in all, before passing the error on; 1: never
     * @param commandTag    PostgreSQL: the statement runs inside a DO block, and its {@code DO} command
     *                      tag is shown to the client as this one (e.g. {@code ALTER TABLE}); null: as it is
     * @param setUp         MySQL: a statement the listener sends on the client's connection as a command
     *                      of its own before the statement, answering nothing to the client (it sets the
     *                      session's lock_wait_timeout); null: none
     * @param restore       MySQL: sent the same way once the statement's last attempt is answered (puts
     *                      the client's own setting back); null: none
     */
    record LockGuard(int hiddenResults, int maxAttempts, String commandTag, String setUp, String restore) {
        public LockGuard {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
        }

        public LockGuard(int hiddenResults, int maxAttempts) {
            this(hiddenResults, maxAttempts, null, null, null);
        }
    }

    /**
     * Answer the client with an error and send nothing to the server.
     *
     * @param sqlState   the PostgreSQL SQLSTATE (also sent as the MySQL SQL state)
     * @param mysqlError the MySQL error number
     * @param message    the primary message
     * @param detail     rule id, reason and change id, or null
     * @param hint       the safe alternative as SQL, or null
     */
    record Refuse(String sqlState, int mysqlError, String message, String detail, String hint)
            implements GateVerdict {
        public Refuse {
            Objects.requireNonNull(sqlState, "sqlState must not be null");
            Objects.requireNonNull(message, "message must not be null");
        }
    }
}
