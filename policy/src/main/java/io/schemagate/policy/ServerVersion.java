package io.schemagate.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flavour and version of the database server behind a listener. Checks are version-aware
 * (PostgreSQL 11 fast defaults, MySQL 8.0.29 instant add at any position, ...), so every judgement
 * carries one of these; without a live catalog the defaults below are assumed and reported.
 */
public record ServerVersion(Flavor flavor, int major, int minor, int patch) implements Comparable<ServerVersion> {

    /** The server software; MariaDB and MySQL share a dialect but not their online-DDL rules. */
    public enum Flavor { POSTGRESQL, MYSQL, MARIADB }

    public static final ServerVersion DEFAULT_POSTGRESQL = new ServerVersion(Flavor.POSTGRESQL, 15, 0, 0);
    /** "MySQL 8.0" as a user means it today: a current 8.0 release (instant ADD COLUMN anywhere, past the 8.0.29-8.0.31 bug). */
    public static final ServerVersion DEFAULT_MYSQL = new ServerVersion(Flavor.MYSQL, 8, 0, 40);

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    public ServerVersion {
        Objects.requireNonNull(flavor, "flavor must not be null");
    }

    /** The version assumed for a dialect when nothing better is known. */
    public static ServerVersion defaultFor(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? DEFAULT_POSTGRESQL : DEFAULT_MYSQL;
    }

    /**
     * Parses what a server reports or a person types: {@code 15}, {@code 15.4}, {@code 8.0.32},
     * {@code mariadb-10.11}, or a MySQL {@code version()} string such as {@code 10.11.19-MariaDB-0+deb12u1}.
     */
    public static ServerVersion parse(Dialect dialect, String text) {
        Objects.requireNonNull(text, "version text must not be null");
        String lower = text.toLowerCase(Locale.ROOT);
        Flavor flavor = dialect == Dialect.POSTGRESQL ? Flavor.POSTGRESQL
                : lower.contains("mariadb") ? Flavor.MARIADB : Flavor.MYSQL;
        Matcher m = NUMBERS.matcher(lower);
        if (!m.find()) {
            throw new IllegalArgumentException("cannot read a version number from '" + text
                    + "': expected something like 15, 15.4 or 8.0.32");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        // PostgreSQL 10 and later number releases major.minor; older ones were major.major.minor.
        return new ServerVersion(flavor, major, minor, patch);
    }

    public Dialect dialect() {
        return flavor == Flavor.POSTGRESQL ? Dialect.POSTGRESQL : Dialect.MYSQL;
    }

    public boolean atLeast(int major, int minor, int patch) {
        return compareTo(new ServerVersion(flavor, major, minor, patch)) >= 0;
    }

    public boolean atLeast(int major, int minor) {
        return atLeast(major, minor, 0);
    }

    public boolean isMariaDb() {
        return flavor == Flavor.MARIADB;
    }

    @Override
    public int compareTo(ServerVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) c = Integer.compare(minor, o.minor);
        if (c == 0) c = Integer.compare(patch, o.patch);
        return c;
    }

    @Override
    public String toString() {
        String name = switch (flavor) {
            case POSTGRESQL -> "PostgreSQL";
            case MYSQL -> "MySQL";
            case MARIADB -> "MariaDB";
        };
        return flavor == Flavor.POSTGRESQL ? name + " " + major + (minor > 0 ? "." + minor : "")
                : name + " " + major + "." + minor + "." + patch;
    }
}
