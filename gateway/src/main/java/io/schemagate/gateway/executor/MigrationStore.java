package io.schemagate.gateway.executor;

import java.util.List;
import java.util.Optional;

/** Where migrations and their progress are kept: local files, or the shared state database. */
public interface MigrationStore {

    /** Saves the migration's current state, durably. */
    void save(Migration m);

    Optional<Migration> get(String id);

    /** All migrations, newest first. */
    List<Migration> list();
}
