package io.schemagate.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Reads YAML files into typed records, turning every problem into a {@link ConfigException} whose
 * message starts with {@code file:line:col:} so editors and CI logs can point at it.
 */
public final class YamlFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private YamlFiles() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static <T> T read(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), text, type);
    }

    public static <T> T parse(String name, String text, Class<T> type) {
        try {
            T value = MAPPER.readValue(text, type);
            if (value == null) {
                throw new ConfigException(name + ":1:1: the file is empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ConfigException(describe(name, text, e), e);
        }
    }

    static String describe(String name, String text, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? name : name + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        if (e instanceof JsonMappingException m) {
            // Records are built once their whole mapping is read, so Jackson reports the end of the
            // mapping; the key itself is found by following the path through the text.
            String at = keyPosition(text, m.getPath());
            if (at != null) {
                where = name + ":" + at;
            }
        }
        String what;
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            what = "unknown key '" + u.getPropertyName() + "'" + path(u) + (known.isEmpty() ? "" : "; known keys: " + known);
        } else if (e instanceof JsonMappingException m) {
            Throwable root = rootCause(m);
            String msg = root != m && root.getMessage() != null ? root.getMessage() : m.getOriginalMessage();
            what = firstLine(msg) + path(m);
        } else {
            what = firstLine(e.getOriginalMessage());
        }
        return where + ": " + what;
    }

    /** {@code line:col} of the last key of {@code path}, found by following the keys down the text. */
    private static String keyPosition(String text, java.util.List<JsonMappingException.Reference> path) {
        String[] lines = text.split("\n", -1);
        int line = 0;
        int col = -1;
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() == null) {
                continue;
            }
            java.util.regex.Pattern key = java.util.regex.Pattern.compile(
                    "^(\\s*(?:-\\s+)?)" + java.util.regex.Pattern.quote(r.getFieldName()) + "\\s*:");
            int found = -1;
            for (int i = line; i < lines.length; i++) {
                java.util.regex.Matcher mt = key.matcher(lines[i]);
                if (mt.find()) {
                    found = i;
                    col = mt.group(1).length() + 1;
                    break;
                }
            }
            if (found < 0) {
                return null;
            }
            line = found;
        }
        return col < 0 ? null : (line + 1) + ":" + col;
    }

    private static String path(JsonMappingException m) {
        String p = m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return p.isEmpty() ? "" : " (at " + p + ")";
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid value";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
