package io.schemagate.gateway.state;

import io.schemagate.config.StateConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The PostgreSQL database that several gateways behind one load balancer share: change requests,
 * migrations and the audit chain live in its tables, and advisory locks serialise what must happen
 * once. Each call takes a fresh connection: state changes are rare next to the traffic the gateway
 * relays, and a fresh connection never carries a broken session from a failover.
 */
public final class SharedState {

    /** Advisory lock key that serialises schema creation and audit appends across gateways. */
    static final long SCHEMA_LOCK = 0x5347_0001L;

    private final StateConfig.SharedDatabase db;

    public SharedState(StateConfig.SharedDatabase db) {
        this.db = db;
    }

    public Connection connect() throws SQLException {
        Properties p = new Properties();
        if (db.user() != null) {
            p.setProperty("user", db.user());
        }
        String pw = db.account().password();
        if (pw != null) {
            p.setProperty("password", pw);
        }
        p.setProperty("ApplicationName", "schemagate-state");
        return DriverManager.getConnection(db.url(), p);
    }

    /**
     * Runs a query whose first column is a JSON document and reads each row as {@code type}.
     *
     * @throws SQLException when the database cannot be asked
     */
    public <T> java.util.List<T> queryJson(String sql, Class<T> type, String... params) throws SQLException {
        try (Connection c = connect(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            java.util.List<T> out = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(JsonFiles.JSON.readValue(rs.getString(1), type));
                }
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("a stored " + type.getSimpleName() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Creates the tables if they are missing; safe when several gateways start at once. */
    public void createSchema() throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                s.execute("CREATE TABLE IF NOT EXISTS schemagate_audit (seq bigint PRIMARY KEY, line text NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS schemagate_changes (id text PRIMARY KEY, version bigint NOT NULL, "
                        + "status text NOT NULL, fingerprint text NOT NULL, requester text, database text, "
                        + "created_at timestamptz NOT NULL, body jsonb NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS schemagate_migrations (id text PRIMARY KEY, state text NOT NULL, "
                        + "created_at timestamptz NOT NULL, body jsonb NOT NULL)");
            }
            c.commit();
        }
    }
}
