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
     * How the forwarded schema change is kept from queueing behind long transactions: {@code sql}
     * begins with {@code hiddenResults} statements that set a lock timeout, whose results the client
     * must not see, and when the server gives up waiting for a lock (PostgreSQL 55P03, MySQL 1205) the
     * listener sends the same text again after a back-off, at most {@code maxAttempts} times in all,
     * before passing the error on.
     */
    record LockGuard(int hiddenResults, int maxAttempts) {
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
