package io.schemagate.policy.ddl;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.mysql.MySqlAnalyzer;
import io.schemagate.policy.ddl.pg.PgAnalyzer;
import io.schemagate.policy.ddl.pg.PgQueryLibrary;

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
        Objects.requireNonNull(dialect, "dialect must not be null");
        ServerVersion v = version == null ? ServerVersion.defaultFor(dialect) : version;
        if (v.dialect() != dialect) {
            throw new IllegalArgumentException("server version " + v + " is not a " + dialect + " server");
        }
        return dialect == Dialect.POSTGRESQL ? new PgAnalyzer(v, PgQueryLibrary.get()) : new MySqlAnalyzer(v);
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
