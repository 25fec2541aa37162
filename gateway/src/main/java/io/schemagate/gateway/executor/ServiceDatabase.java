package io.schemagate.gateway.executor;

import io.schemagate.policy.ddl.TableRef;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * What the executor needs from one kind of server, over the gateway's own service connections.
 */
public interface ServiceDatabase {

    /** A new connection to {@code database} with the service account, in autocommit mode. */
    Connection connect(String database) throws SQLException;

    /** Makes the next statements give up waiting for a lock after {@code timeout}. */
    void setLockTimeout(Connection c, Duration timeout) throws SQLException;

    /** True for errors worth retrying after a pause: lock timeouts, deadlocks, serialization failures. */
    boolean isRetryable(SQLException e);

    /**
     * Takes the cross-gateway lock that lets one plan at a time run on {@code table}; it lasts as long
     * as the connection. False when someone else holds it.
     */
    boolean tryTableLock(Connection c, TableRef table) throws SQLException;

    /** The largest replication lag of any replica, or {@link Duration#ZERO} when there are none. */
    Duration replicaLag(Connection c) throws SQLException;

    /** Primary-key columns in key order; empty when the table has none. */
    List<String> primaryKey(Connection c, TableRef table) throws SQLException;

    /** The planner's row estimate for the table (0 when unknown). */
    long estimateRows(Connection c, TableRef table) throws SQLException;

    /** Quotes an identifier for this dialect. */
    String quote(String identifier);

    /** Binds a key value read back from a previous batch. */
    default void bindKey(java.sql.PreparedStatement ps, int index, Object value) throws SQLException {
        ps.setObject(index, value);
    }

    /** The qualified, quoted table name. */
    default String table(TableRef t) {
        return t.schema() == null ? quote(t.name()) : quote(t.schema()) + "." + quote(t.name());
    }
}
