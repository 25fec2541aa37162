package io.schemagate.gateway.state;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.schemagate.policy.plan.Step;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Small JSON documents kept one per file, for the local state store. A write goes to a temporary
 * file that is forced to disk and then renamed over the old one, so a crash leaves either the old or
 * the new document, never half of one.
 */
public final class JsonFiles {

    public static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // State written by a newer gateway stays readable by an older one during a rolling upgrade.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(Step.class, StepTypes.class)
            .build();

    /** Plans are stored with each step's kind, since {@link Step} is a sealed interface. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Step.Sql.class, name = "sql"),
            @JsonSubTypes.Type(value = Step.Backfill.class, name = "backfill")})
    private interface StepTypes {
    }

    private JsonFiles() {
    }

    public static void writeAtomically(Path target, Object value) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.write(tmp, JSON.writeValueAsBytes(value));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + target + ": " + e.getMessage(), e);
        }
    }

    /** Reads every {@code glob} file of {@code dir} (created if missing). */
    public static <T> List<T> readAll(Path dir, String glob, Class<T> type) {
        List<T> all = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
                for (Path f : files) {
                    all.add(JSON.readValue(f.toFile(), type));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load state from " + dir + ": " + e.getMessage(), e);
        }
        return all;
    }
}
