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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** MySQL / MariaDB service connections (Connector/J). */
public final class MySqlServiceDatabase implements ServiceDatabase {

    private final HostPort server;
    private final ServiceAccount account;
    private final List<HostPort> replicas;

    public MySqlServiceDatabase(HostPort server, ServiceAccount account, List<HostPort> replicas) {
        this.server = server;
        this.account = account;
        this.replicas = List.copyOf(replicas);
    }

    @Override
    public Connection connect(String database) throws SQLException {
        return open(server, database);
    }

    private Connection open(HostPort at, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", account.user());
        String pw = account.password();
        if (pw != null) {
            p.setProperty("password", pw);
        }
        p.setProperty("allowPublicKeyRetrieval", "true");
        p.setProperty("sslMode", "PREFERRED");
        p.setProperty("connectionAttributes", "program_name:schemagate-executor");
        Connection c = DriverManager.getConnection("jdbc:mysql://" + at + "/" + (database == null ? "" : database), p);
        c.setAutoCommit(true);
        return c;
    }

    @Override
    public void setLockTimeout(Connection c, Duration timeout) throws SQLException {
        // lock_wait_timeout bounds the metadata-lock wait of DDL (default: a year);
        // innodb_lock_wait_timeout bounds row-lock waits of backfill batches.
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = " + seconds);
            s.execute("SET SESSION innodb_lock_wait_timeout = " + seconds);
        }
    }

    /** 1205 lock wait timeout, 1213 deadlock. */
    @Override
    public boolean isRetryable(SQLException e) {
        return e.getErrorCode() == 1205 || e.getErrorCode() == 1213;
    }

    @Override
    public boolean tryTableLock(Connection c, TableRef table) throws SQLException {
        // GET_LOCK names are limited to 64 characters, so long table names are hashed.
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(CONCAT('schemagate:', LEFT(SHA2(?, 256), 40)), 0)")) {
            ps.setString(1, c.getCatalog() + "." + table.qualified());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    @Override
    public Duration replicaLag(Connection c) throws SQLException {
        Duration worst = Duration.ZERO;
        for (HostPort r : replicas) {
            try (Connection rc = open(r, null); Statement s = rc.createStatement();
                 ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
                while (rs.next()) {
                    long behind = rs.getLong("Seconds_Behind_Master");
                    // NULL means replication is stopped: treat it as too far behind to go on.
                    Duration lag = rs.wasNull() ? Duration.ofDays(1) : Duration.ofSeconds(behind);
                    worst = lag.compareTo(worst) > 0 ? lag : worst;
                }
            }
        }
        return worst;
    }

    @Override
    public List<String> primaryKey(Connection c, TableRef table) throws SQLException {
        String sql = "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE CONSTRAINT_NAME = 'PRIMARY' "
                + "AND TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
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
        String sql = "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }
}
