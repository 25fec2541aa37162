package io.schemagate.gateway.approval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JSON file per change request in a directory. Each write goes to a temporary file that is
 * forced to disk and then renamed over the old one, so a crash leaves either the old or the new
 * request, never half of one.
 */
public final class FileChangeStore implements ChangeStore {

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final Path dir;
    private final Map<String, ChangeRequest> byId = new ConcurrentHashMap<>();

    public FileChangeStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "chg_*.json")) {
                for (Path f : files) {
                    ChangeRequest r = JSON.readValue(f.toFile(), ChangeRequest.class);
                    byId.put(r.id(), r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load change requests from " + dir + ": " + e.getMessage(), e);
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
        Path target = dir.resolve(r.id() + ".json");
        Path tmp = dir.resolve(r.id() + ".json.tmp");
        try {
            Files.write(tmp, JSON.writeValueAsBytes(r));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save change request " + r.id() + " in " + dir + ": " + e.getMessage(), e);
        }
    }
}
