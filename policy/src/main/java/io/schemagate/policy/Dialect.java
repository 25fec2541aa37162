package io.schemagate.policy;

/** The SQL dialect a statement is written in, which is the wire protocol it arrived on. */
public enum Dialect {
    POSTGRESQL,
    MYSQL;

    /** Parses the names used on the command line and in policy files ({@code postgresql}, {@code mysql}). */
    public static Dialect fromName(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "postgresql", "postgres", "pg" -> POSTGRESQL;
            case "mysql", "mariadb" -> MYSQL;
            default -> throw new IllegalArgumentException(
                    "unknown dialect '" + name + "': expected postgresql or mysql");
        };
    }
}
