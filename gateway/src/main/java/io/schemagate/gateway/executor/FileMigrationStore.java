package io.schemagate.gateway.executor;

import io.schemagate.gateway.state.JsonFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Migrations kept one JSON file each in a directory, saved atomically after every step and batch. */
public final class FileMigrationStore implements MigrationStore {

    private final Path dir;
    private final Map<String, Migration> byId = new ConcurrentHashMap<>();

    public FileMigrationStore(Path dir) {
        this.dir = dir;
        for (Migration m : JsonFiles.readAll(dir, "mig_*.json", Migration.class)) {
            byId.put(m.id(), m);
        }
    }

    @Override
    public void save(Migration m) {
        JsonFiles.writeAtomically(dir.resolve(m.id() + ".json"), m);
        byId.put(m.id(), m);
    }

    @Override
    public Optional<Migration> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Migration> list() {
        List<Migration> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(Migration::createdAt).reversed());
        return all;
    }
}
