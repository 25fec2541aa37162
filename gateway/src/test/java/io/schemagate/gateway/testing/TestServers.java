package io.schemagate.gateway.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real database servers the integration tests run against. Coordinates come from environment
 * variables, defaulting to the local servers: {@code SCHEMAGATE_TEST_PG} (127.0.0.1:5432, user
 * {@code SCHEMAGATE_TEST_PG_USER}=postgres, trust auth) and {@code SCHEMAGATE_TEST_MYSQL}
 * (127.0.0.1:3306, user {@code SCHEMAGATE_TEST_MYSQL_USER}=root, empty password). A server that is
 * not reachable fails the test: nothing here skips.
 */
public final class TestServers {

    private TestServers() {
    }

    public static String pgHostPort() {
        return env("SCHEMAGATE_TEST_PG", "127.0.0.1:5432");
    }

    public static String pgUser() {
        return env("SCHEMAGATE_TEST_PG_USER", "postgres");
    }

    public static String mysqlHostPort() {
        return env("SCHEMAGATE_TEST_MYSQL", "127.0.0.1:3306");
    }

    public static String mysqlUser() {
        return env("SCHEMAGATE_TEST_MYSQL_USER", "root");
    }

    public static String mysqlPassword() {
        return env("SCHEMAGATE_TEST_MYSQL_PASSWORD", "");
    }

    /** A superuser connection straight to PostgreSQL (not through the gateway), to the given database. */
    public static Connection pgAdmin(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + pgHostPort() + "/" + database, pgUser(), null);
    }

    /** A root connection straight to MariaDB / MySQL. */
    public static Connection mysqlAdmin(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + mysqlHostPort() + "/" + (database == null ? "" : database)
                + "?allowPublicKeyRetrieval=true&useSSL=false", mysqlUser(), mysqlPassword());
    }

    /** A fresh, uniquely named database name, lower case, so tests never see each other's tables. */
    public static String uniqueName(String prefix) {
        return (prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36))
                .toLowerCase(Locale.ROOT);
    }

    /** Creates a new PostgreSQL database and returns its name; drop it with {@link #dropPgDatabase}. */
    public static String createPgDatabase(String prefix) throws SQLException {
        String name = uniqueName(prefix);
        try (Connection c = pgAdmin("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    public static void dropPgDatabase(String name) throws SQLException {
        try (Connection c = pgAdmin("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Creates a new MySQL database (schema) and returns its name; drop it with {@link #dropMysqlDatabase}. */
    public static String createMysqlDatabase(String prefix) throws SQLException {
        String name = uniqueName(prefix);
        try (Connection c = mysqlAdmin(null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    public static void dropMysqlDatabase(String name) throws SQLException {
        try (Connection c = mysqlAdmin(null); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
