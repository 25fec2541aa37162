package io.schemagate.gateway.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Streams the records of an audit log file, in order, without holding the whole log in memory. */
public final class AuditReader {

    private AuditReader() {
    }

    /** Calls {@code sink} for each record that {@code filter} accepts. */
    public static void forEach(Path file, AuditFilter filter, Consumer<AuditRecord> sink) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                AuditRecord rec;
                try {
                    rec = ChainCodec.toRecord(ChainCodec.parse(line));
                } catch (IOException | RuntimeException e) {
                    throw new IOException(file + ":" + n + ": not an audit record (" + e.getMessage()
                            + "); run 'schemagate audit verify' to see whether the log was damaged", e);
                }
                if (filter.test(rec)) {
                    sink.accept(rec);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
