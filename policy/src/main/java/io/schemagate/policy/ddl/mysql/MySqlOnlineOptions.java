package io.schemagate.policy.ddl.mysql;

import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.OnlineDdlOptions;
import io.schemagate.policy.ddl.UnsupportedSyntaxException;

import java.util.Locale;
import java.util.Set;

/**
 * Collects and checks a statement's {@code ALGORITHM=} and {@code LOCK=} clauses. Druid accepts any
 * word there (e.g. {@code ALGORITHM=INSTNT}) and any number of them, while the server accepts only
 * its own values (MySQL 8.0 manual, "ALTER TABLE": ALGORITHM DEFAULT|INSTANT|INPLACE|COPY, LOCK
 * DEFAULT|NONE|SHARED|EXCLUSIVE; MariaDB adds ALGORITHM=NOCOPY). An unknown value or a repeated clause
 * makes the statement UNKNOWN rather than guessed at.
 */
final class MySqlOnlineOptions {

    private static final Set<String> ALGORITHMS = Set.of("DEFAULT", "INSTANT", "INPLACE", "COPY");
    private static final Set<String> LOCKS = Set.of("DEFAULT", "NONE", "SHARED", "EXCLUSIVE");

    private final ServerVersion version;
    private String algorithm;
    private String lock;

    MySqlOnlineOptions(ServerVersion version) {
        this.version = version;
    }

    void algorithm(String value) {
        if (algorithm != null) {
            throw new UnsupportedSyntaxException("ALGORITHM is given twice (" + algorithm + ", " + value + ")");
        }
        algorithm = check("ALGORITHM", value, ALGORITHMS, version.isMariaDb() ? "NOCOPY" : null);
    }

    void lock(String value) {
        if (lock != null) {
            throw new UnsupportedSyntaxException("LOCK is given twice (" + lock + ", " + value + ")");
        }
        lock = check("LOCK", value, LOCKS, null);
    }

    private static String check(String clause, String value, Set<String> allowed, String extra) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        if (v.startsWith("'") || v.startsWith("`")) {
            v = v.substring(1, v.length() - 1);
        }
        if (!allowed.contains(v) && !v.equals(extra)) {
            throw new UnsupportedSyntaxException(clause + "=" + value + " is not a value the server accepts (expected one of "
                    + String.join(", ", allowed) + (extra == null ? "" : ", " + extra) + ")");
        }
        return v;
    }

    OnlineDdlOptions result() {
        return algorithm == null && lock == null ? OnlineDdlOptions.NONE : new OnlineDdlOptions(algorithm, lock);
    }
}
