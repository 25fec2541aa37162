package io.schemagate.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Calls back when a file changes. The file's directory is watched, not the file, so editors that
 * save by writing a new file and renaming it over the old one (vim, most deploy tools, Kubernetes
 * config maps) are seen too. Events within a short quiet period are folded into one call, so a save
 * that writes in several steps is read once, complete.
 */
public final class FileWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FileWatcher.class);
    private static final long QUIET_MILLIS = 200;

    private final Path file;
    private final Runnable onChange;
    private final WatchService watcher;
    private final Thread thread;

    public FileWatcher(Path file, Runnable onChange) throws IOException {
        this.file = file.toAbsolutePath();
        this.onChange = onChange;
        this.watcher = FileSystems.getDefault().newWatchService();
        this.file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::loop, "schemagate-watch-" + file.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean relevant = concerns(key);
                key.reset();
                if (!relevant) {
                    continue;
                }
                // Fold the burst of events of one save into a single reload.
                WatchKey more;
                while ((more = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    concerns(more);
                    more.reset();
                }
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    log.error("reacting to a change of {} failed: {}", file, e.getMessage(), e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: stop watching
        }
    }

    private boolean concerns(WatchKey key) {
        boolean relevant = false;
        for (WatchEvent<?> e : key.pollEvents()) {
            Object ctx = e.context();
            if (e.kind() == StandardWatchEventKinds.OVERFLOW || (ctx instanceof Path p && p.equals(file.getFileName()))) {
                relevant = true;
            }
        }
        return relevant;
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            log.warn("closing the watcher of {} failed: {}", file, e.getMessage());
        }
        thread.interrupt();
    }
}
