package io.schemagate.config.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.schemagate.config.YamlFiles;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into {@link YamlNode}s with locations, using the same Jackson YAML factory as the
 * gateway configuration. A duplicate key is an error, not "last one wins": in a security policy a
 * second {@code action:} silently replacing the first is exactly the mistake to catch.
 */
final class YamlTreeReader {

    private final Problems problems;

    YamlTreeReader(Problems problems) {
        this.problems = problems;
    }

    /** The document's root, or null when it is empty or not YAML (the problem is then recorded). */
    YamlNode read(String text) {
        try (JsonParser p = YamlFiles.mapper().getFactory().createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(1, 1, "the file is empty; a policy needs at least 'version: 1'");
                return null;
            }
            YamlNode root = node(p);
            if (p.nextToken() != null) {
                // A second document after '---' would otherwise be ignored without a word.
                JsonLocation extra = p.currentTokenLocation();
                problems.add(extra.getLineNr(), extra.getColumnNr(),
                        "a second YAML document ('---'); a policy file holds exactly one");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String msg = e.getOriginalMessage() == null ? "not valid YAML" : e.getOriginalMessage();
            int nl = msg.indexOf('\n');
            problems.add(loc == null ? 1 : loc.getLineNr(), loc == null ? 1 : loc.getColumnNr(),
                    "not valid YAML: " + (nl < 0 ? msg : msg.substring(0, nl)));
            return null;
        } catch (IOException e) {
            problems.add(1, 1, "cannot read: " + e.getMessage());
            return null;
        }
    }

    private YamlNode node(JsonParser p) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            LinkedHashMap<String, YamlNode> entries = new LinkedHashMap<>();
            Map<String, YamlNode.Scalar> keys = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                JsonLocation kl = p.currentTokenLocation();
                String key = p.currentName();
                YamlNode.Scalar keyNode = new YamlNode.Scalar(key, false, true, kl.getLineNr(), kl.getColumnNr());
                p.nextToken();
                YamlNode value = node(p);
                if (entries.containsKey(key)) {
                    YamlNode.Scalar first = keys.get(key);
                    problems.add(keyNode.line(), keyNode.column(), "duplicate key '" + key
                            + "' (first at line " + first.line() + "); remove one of them");
                    continue;
                }
                entries.put(key, value);
                keys.put(key, keyNode);
            }
            return new YamlNode.Mapping(entries, keys, line, col);
        }
        if (t == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(p));
            }
            return new YamlNode.Sequence(items, line, col);
        }
        if (t == JsonToken.VALUE_NULL) {
            return new YamlNode.Scalar(null, true, false, line, col);
        }
        return new YamlNode.Scalar(p.getText(), false, t == JsonToken.VALUE_STRING, line, col);
    }
}
