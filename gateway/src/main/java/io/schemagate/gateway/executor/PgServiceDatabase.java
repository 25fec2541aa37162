package io.schemagate.gateway.executor;

import io.schemagate.config.HostPort;
import io.schemagate.config.ServiceAccount;
import io.schemagate.policy.ddl.TableRef;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** PostgreSQL service connections (pgjdbc). */
public final class PgServiceDatabase implements ServiceDatabase {

    private final HostPort server;
    private final ServiceAccount account;

    public PgServiceDatabase(HostPort server, ServiceAccount account) {
        this.server = server;
        this.account = account;
    }

    @Override
    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", account.user());
        String pw = account.password();
        if (pw != null) {
            p.setProperty("password", pw);
        }
        p.setProperty("ApplicationName", "schemagate-executor");
        Connection c = DriverManager.getConnection("jdbc:postgresql://" + server + "/" + database, p);
        c.setAutoCommit(true);
        return c;
    }

    @Override
    public void setLockTimeout(Connection c, Duration timeout) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '" + timeout.toMillis() + "ms'");
        }
    }

    /** 55P03 lock_not_available, 40P01 deadlock_detected, 40001 serialization_failure. */
    @Override
    public boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return "55P03".equals(state) || "40P01".equals(state) || "40001".equals(state);
    }

    @Override
    public boolean tryTableLock(Connection c, TableRef table) throws SQLException {
        // Session-level advisory lock keyed on the table name; every gateway computes the same key.
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            ps.setString(1, "schemagate:" + table.qualified());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Override
    public Duration replicaLag(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(max(EXTRACT(EPOCH FROM replay_lag)), 0) FROM pg_stat_replication")) {
            rs.next();
            return Duration.ofMillis(Math.round(rs.getDouble(1) * 1000));
        }
    }

    @Override
    public List<String> primaryKey(Connection c, TableRef table) throws SQLException {
        String sql = "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                + "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = to_regclass(?) AND i.indisprimary "
                + "ORDER BY array_position(i.indkey::int2[], a.attnum)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table.qualified());
            List<String> cols = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
            return cols;
        }
    }

    @Override
    public long estimateRows(Connection c, TableRef table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
            ps.setString(1, table.qualified());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Text keys are sent untyped so the server casts them to the key's own type (uuid, text, ...). */
    @Override
    public void bindKey(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof String s) {
            ps.setObject(index, s, Types.OTHER);
        } else {
            ps.setObject(index, value);
        }
    }
}
