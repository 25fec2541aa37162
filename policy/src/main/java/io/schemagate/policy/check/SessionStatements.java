package io.schemagate.policy.check;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the few words of a transaction-control or SET statement the runner needs. The analyser has
 * already classified the statement, so only its leading keywords are looked at, word by word.
 */
final class SessionStatements {

    enum Transaction { BEGIN, END, OTHER }

    private static final Set<String> TIMEOUTS = Set.of("lock_timeout", "lock_wait_timeout",
            "innodb_lock_wait_timeout");
    private static final Set<String> SCOPES = Set.of("session", "local");

    private SessionStatements() {
    }

    static Transaction transaction(String sql) {
        List<String> w = words(sql);
        if (w.isEmpty()) {
            return Transaction.OTHER;
        }
        return switch (w.get(0)) {
            case "begin", "start" -> Transaction.BEGIN;
            case "commit", "end", "abort" -> Transaction.END;
            // ROLLBACK TO SAVEPOINT keeps the transaction open.
            case "rollback" -> w.size() > 1 && w.get(1).equals("to") ? Transaction.OTHER : Transaction.END;
            default -> Transaction.OTHER;
        };
    }

    /**
     * {@code SET [SESSION|LOCAL] lock_timeout = '2s'} and the MySQL {@code lock_wait_timeout} forms: true when a
     * non-zero timeout is set, false when it is reset or set to 0, empty when the statement sets something else.
     */
    static Optional<Boolean> lockTimeout(String sql) {
        List<String> w = words(sql);
        int i = 0;
        boolean reset = !w.isEmpty() && w.get(0).equals("reset");
        if (w.isEmpty() || !(w.get(0).equals("set") || reset)) {
            return Optional.empty();
        }
        i++;
        if (i < w.size() && SCOPES.contains(w.get(i))) {
            i++;
        }
        if (i >= w.size()) {
            return Optional.empty();
        }
        String name = w.get(i);
        for (String prefix : List.of("@@session.", "@@local.", "@@")) {
            if (name.startsWith(prefix)) {
                name = name.substring(prefix.length());
            }
        }
        if (!TIMEOUTS.contains(name)) {
            return Optional.empty();
        }
        if (reset) {
            return Optional.of(false);
        }
        String value = i + 1 < w.size() && (w.get(i + 1).equals("to") || w.get(i + 1).equals("="))
                ? (i + 2 < w.size() ? w.get(i + 2) : "") : (i + 1 < w.size() ? w.get(i + 1) : "");
        String bare = value.replace("'", "").replace(";", "");
        return Optional.of(!(bare.equals("0") || bare.equals("default") || bare.isEmpty()));
    }

    /** Lower-case words, with '=' kept as a word of its own. */
    private static List<String> words(String sql) {
        String spaced = sql.replace("=", " = ").toLowerCase(Locale.ROOT);
        return Predicates.words(spaced);
    }
}
