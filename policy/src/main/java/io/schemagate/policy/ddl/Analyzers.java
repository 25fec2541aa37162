package io.schemagate.policy.ddl;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.mysql.MySqlAnalyzer;
import io.schemagate.policy.ddl.pg.PgAnalyzer;
import io.schemagate.policy.ddl.pg.PgQueryLibrary;
import io.schemagate.policy.sql.BackslashMode;

import java.util.Objects;

/**
 * The entry point to DDL analysis: PostgreSQL through libpg_query, MySQL / MariaDB through Druid.
 * Analysers are thread-safe; create one per listener (server version) and share it.
 */
public final class Analyzers {

    private Analyzers() {
    }

    /**
     * An analyser for {@code dialect} on a server of {@code version} (null: {@link ServerVersion#defaultFor}).
     * MySQL executable comments are resolved against the version.
     */
    public static StatementAnalyzer forDialect(Dialect dialect, ServerVersion version) {
        return forDialect(dialect, version, BackslashMode.UNKNOWN);
    }

    /**
     * As {@link #forDialect(Dialect, ServerVersion)}, for a session whose backslash handling is known
     * (PostgreSQL ParameterStatus standard_conforming_strings: on is {@link BackslashMode#NEVER}; MySQL
     * SERVER_STATUS_NO_BACKSLASH_ESCAPES: set is NEVER, clear is {@link BackslashMode#ALWAYS}). With
     * {@link BackslashMode#UNKNOWN}, or a setting the parser cannot read in (PostgreSQL with
     * standard_conforming_strings off, MySQL with NO_BACKSLASH_ESCAPES), a query whose tokens depend on it
     * is UNKNOWN. A linter checking files for servers with default settings passes
     * {@link #defaultBackslashMode(Dialect)}.
     */
    public static StatementAnalyzer forDialect(Dialect dialect, ServerVersion version, BackslashMode backslashes) {
        Objects.requireNonNull(dialect, "dialect must not be null");
        Objects.requireNonNull(backslashes, "backslashes must not be null");
        ServerVersion v = version == null ? ServerVersion.defaultFor(dialect) : version;
        if (v.dialect() != dialect) {
            throw new IllegalArgumentException("server version " + v + " is not a " + dialect + " server");
        }
        return dialect == Dialect.POSTGRESQL ? new PgAnalyzer(v, PgQueryLibrary.get(), backslashes)
                : new MySqlAnalyzer(v, backslashes);
    }

    /** The servers' default: PostgreSQL standard_conforming_strings on, MySQL without NO_BACKSLASH_ESCAPES. */
    public static BackslashMode defaultBackslashMode(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? BackslashMode.NEVER : BackslashMode.ALWAYS;
    }

    /**
     * Whether the dialect's parser is usable. When PostgreSQL's is not, the message names the missing
     * library and how to install it; start-up and {@code schemagate check} should show it.
     */
    public static ParserStatus status(Dialect dialect) {
        Objects.requireNonNull(dialect, "dialect must not be null");
        return dialect == Dialect.POSTGRESQL ? PgQueryLibrary.get().status() : MySqlAnalyzer.status();
    }
}
