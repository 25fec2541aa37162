package io.schemagate.gateway.gate;

import io.schemagate.gateway.executor.ServiceDatabase;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The version of each upstream server, asked once over a service connection and remembered; the
 * checks are version-aware. When the server cannot be asked the contract's defaults are assumed and
 * the gateway says so in its log.
 */
public final class ServerVersions {

    private static final Logger log = LoggerFactory.getLogger(ServerVersions.class);

    private final Map<Dialect, ServiceDatabase> databases;
    private final Map<Dialect, ServerVersion> known = new ConcurrentHashMap<>();

    public ServerVersions(Map<Dialect, ServiceDatabase> databases) {
        this.databases = Map.copyOf(databases);
    }

    /** The service connections to the dialect's server, or null when none is configured. */
    ServiceDatabase database(Dialect dialect) {
        return databases.get(dialect);
    }

    ServerVersion of(Dialect dialect, String database) {
        ServerVersion v = known.get(dialect);
        if (v != null) {
            return v;
        }
        ServiceDatabase db = databases.get(dialect);
        if (db == null) {
            return ServerVersion.defaultFor(dialect);
        }
        String sql = dialect == Dialect.POSTGRESQL ? "SHOW server_version" : "SELECT VERSION()";
        try (Connection c = db.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            v = ServerVersion.parse(dialect, rs.getString(1));
            known.put(dialect, v);
            log.info("{} upstream is {}", dialect.name().toLowerCase(java.util.Locale.ROOT), v);
            return v;
        } catch (SQLException e) {
            ServerVersion fallback = ServerVersion.defaultFor(dialect);
            log.warn("cannot read the {} server version ({}); judging as {} until it can", dialect, e.getMessage(), fallback);
            return fallback;
        }
    }
}
