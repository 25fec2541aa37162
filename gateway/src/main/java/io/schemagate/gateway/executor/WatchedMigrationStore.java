package io.schemagate.gateway.executor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link MigrationStore} that also tells the {@link MigrationWatch}es of a migration about each of
 * its saves, after the save is durable. A watch ends (and is forgotten) when the migration stops.
 */
final class WatchedMigrationStore implements MigrationStore {

    private final MigrationStore store;
    private final Map<String, MigrationWatch> watches = new ConcurrentHashMap<>();

    WatchedMigrationStore(MigrationStore store) {
        this.store = store;
    }

    /**
     * Watches a migration from {@code current}, which must be its latest save (the caller has just
     * recorded it and nothing has started it yet); one that has stopped gives a completed watch.
     */
    MigrationWatch watch(Migration current) {
        MigrationWatch w = watches.computeIfAbsent(current.id(), id -> new MigrationWatch(current));
        if (w.saved(current)) {
            watches.remove(current.id(), w);
        }
        return w;
    }

    @Override
    public void save(Migration m) {
        store.save(m);
        MigrationWatch w = watches.get(m.id());
        if (w != null && w.saved(m)) {
            watches.remove(m.id(), w);
        }
    }

    @Override
    public Optional<Migration> get(String id) {
        return store.get(id);
    }

    @Override
    public List<Migration> list() {
        return store.list();
    }

    int watched() {
        return watches.size();
    }
}
