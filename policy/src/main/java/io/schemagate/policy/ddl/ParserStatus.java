package io.schemagate.policy.ddl;

import java.util.Objects;

/**
 * Whether a dialect's parser is usable, for start-up logs, {@code /health} and {@code schemagate check}.
 * When it is not, every DDL statement of that dialect is UNKNOWN and {@link #message()} says why and
 * how to fix it.
 *
 * @param parser    which parser (e.g. {@code libpg_query (pg_query)}, {@code Druid 1.2.28})
 * @param available true when it loaded
 * @param message   what is wrong and the next step, or null when available
 */
public record ParserStatus(String parser, boolean available, String message) {
    public ParserStatus {
        Objects.requireNonNull(parser, "parser must not be null");
        if (!available && message == null) {
            throw new IllegalArgumentException("an unavailable parser must say why");
        }
    }

    public static ParserStatus available(String parser) {
        return new ParserStatus(parser, true, null);
    }

    public static ParserStatus missing(String parser, String message) {
        return new ParserStatus(parser, false, message);
    }
}
