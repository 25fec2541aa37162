package io.schemagate.gateway.approval;

import io.schemagate.gateway.state.JsonFiles;
import io.schemagate.gateway.state.SharedState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * Change requests in the shared state database. {@link #replace} is an UPDATE guarded by the
 * version, so an approval given through one gateway and a claim made through another cannot both
 * win; reads always go to the database, so every gateway sees the same request.
 */
public final class PgChangeStore implements ChangeStore {

    private final SharedState state;

    public PgChangeStore(SharedState state) {
        this.state = state;
    }

    @Override
    public void create(ChangeRequest r) {
        try (Connection c = state.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO schemagate_changes (id, version, status, fingerprint, requester, database, created_at, body) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            ps.setString(1, r.id());
            ps.setLong(2, r.version());
            ps.setString(3, r.status().id());
            ps.setString(4, r.fingerprint());
            ps.setString(5, r.requester());
            ps.setString(6, r.database());
            ps.setTimestamp(7, Timestamp.from(r.createdAt()));
            ps.setString(8, json(r));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("save change request " + r.id(), e);
        }
    }

    @Override
    public Optional<ChangeRequest> get(String id) {
        List<ChangeRequest> found = query("SELECT body FROM schemagate_changes WHERE id = ?", id);
        return found.stream().findFirst();
    }

    @Override
    public List<ChangeRequest> list() {
        return query("SELECT body FROM schemagate_changes ORDER BY created_at DESC");
    }

    @Override
    public List<ChangeRequest> approvedFor(String fingerprint, String requester, String database) {
        return query("SELECT body FROM schemagate_changes WHERE status = 'approved' AND fingerprint = ? AND requester = ? "
                + "AND database IS NOT DISTINCT FROM ? ORDER BY created_at", fingerprint, requester, database);
    }

    @Override
    public boolean replace(ChangeRequest updated) {
        try (Connection c = state.connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE schemagate_changes SET version = ?, status = ?, body = ?::jsonb WHERE id = ? AND version = ?")) {
            ps.setLong(1, updated.version());
            ps.setString(2, updated.status().id());
            ps.setString(3, json(updated));
            ps.setString(4, updated.id());
            ps.setLong(5, updated.version() - 1);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("update change request " + updated.id(), e);
        }
    }

    private List<ChangeRequest> query(String sql, String... params) {
        try {
            return state.queryJson(sql, ChangeRequest.class, params);
        } catch (SQLException e) {
            throw failure("read change requests", e);
        }
    }

    private static String json(ChangeRequest r) {
        try {
            return JsonFiles.JSON.writeValueAsString(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode change request " + r.id(), e);
        }
    }

    private static ApprovalException failure(String what, SQLException e) {
        return new ApprovalException(ApprovalException.Reason.UNAVAILABLE,
                "cannot " + what + " in the shared state database: " + e.getMessage(), e);
    }
}
