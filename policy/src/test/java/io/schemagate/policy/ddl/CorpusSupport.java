package io.schemagate.policy.ddl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DDL corpus in test resources: entries separated by blank lines (an entry may hold several
 * statements), with a meta TSV giving each entry's source. Also writes a per-entry report under
 * target/ so the numbers in a failure can be looked at.
 */
final class CorpusSupport {

    private CorpusSupport() {
    }

    static List<String> entries(String resource) throws IOException {
        String text = read(resource);
        List<String> out = new ArrayList<>();
        for (String e : text.strip().split("\n\n")) {
            if (!e.isBlank()) {
                out.add(e.strip());
            }
        }
        return out;
    }

    /** Column {@code column} of the meta TSV, by entry index. */
    static Map<Integer, String> meta(String resource, int column) throws IOException {
        Map<Integer, String> out = new TreeMap<>();
        String[] lines = read(resource).split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split("\t", -1);
            out.put(Integer.parseInt(cells[0]), cells.length > column ? cells[column] : "");
        }
        return out;
    }

    static void writeReport(String name, List<String> lines) throws IOException {
        Path dir = Path.of("target", "corpus-reports");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = CorpusSupport.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("test resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
