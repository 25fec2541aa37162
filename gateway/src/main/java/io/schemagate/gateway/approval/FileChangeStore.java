package io.schemagate.gateway.approval;

import io.schemagate.gateway.state.JsonFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** One JSON file per change request in a directory, each replaced atomically ({@link JsonFiles}). */
public final class FileChangeStore implements ChangeStore {

    private final Path dir;
    private final Map<String, ChangeRequest> byId = new ConcurrentHashMap<>();

    public FileChangeStore(Path dir) {
        this.dir = dir;
        for (ChangeRequest r : JsonFiles.readAll(dir, "chg_*.json", ChangeRequest.class)) {
            byId.put(r.id(), r);
        }
    }

    @Override
    public synchronized void create(ChangeRequest request) {
        if (byId.containsKey(request.id())) {
            throw new IllegalStateException("change request " + request.id() + " already exists");
        }
        write(request);
        byId.put(request.id(), request);
    }

    @Override
    public Optional<ChangeRequest> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<ChangeRequest> list() {
        List<ChangeRequest> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(ChangeRequest::createdAt).reversed());
        return all;
    }

    @Override
    public synchronized boolean replace(ChangeRequest updated) {
        ChangeRequest current = byId.get(updated.id());
        if (current == null || current.version() != updated.version() - 1) {
            return false;
        }
        write(updated);
        byId.put(updated.id(), updated);
        return true;
    }

    private void write(ChangeRequest r) {
        JsonFiles.writeAtomically(dir.resolve(r.id() + ".json"), r);
    }
}
