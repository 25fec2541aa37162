package io.schemagate.gateway.executor;

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
 * Migrations in the shared state database, so any gateway can show, pause or resume them and a
 * gateway that takes over after another stopped resumes from the last saved batch. That a plan runs
 * once is ensured by the per-table lock the executor holds while it runs, not by this store.
 */
public final class PgMigrationStore implements MigrationStore {

    private final SharedState state;

    public PgMigrationStore(SharedState state) {
        this.state = state;
    }

    @Override
    public void save(Migration m) {
        try (Connection c = state.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO schemagate_migrations (id, state, created_at, body) VALUES (?, ?, ?, ?::jsonb) "
                        + "ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, body = EXCLUDED.body")) {
            ps.setString(1, m.id());
            ps.setString(2, m.state().id());
            ps.setTimestamp(3, Timestamp.from(m.createdAt()));
            ps.setString(4, JsonFiles.JSON.writeValueAsString(m));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save migration " + m.id() + " in the shared state database: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode migration " + m.id(), e);
        }
    }

    @Override
    public Optional<Migration> get(String id) {
        return query("SELECT body FROM schemagate_migrations WHERE id = ?", id).stream().findFirst();
    }

    @Override
    public List<Migration> list() {
        return query("SELECT body FROM schemagate_migrations ORDER BY created_at DESC");
    }

    private List<Migration> query(String sql, String... params) {
        try {
            return state.queryJson(sql, Migration.class, params);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read migrations from the shared state database: " + e.getMessage(), e);
        }
    }
}
