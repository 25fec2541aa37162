package io.schemagate.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the annotation a statement may carry to say why it exists:
 * {@code /* schemagate: reason="add status for the new checkout" ticket="OPS-142" *}{@code /}.
 * Values are double-quoted, with {@code \"} for a quote inside. The audit log records them and a
 * policy rule can require them. This looks only inside a comment that starts with
 * {@code schemagate:}, never at SQL.
 */
public final class Annotations {

    private static final Pattern COMMENT = Pattern.compile("/\\*\\s*schemagate:(.*?)\\*/", Pattern.DOTALL);
    private static final Pattern PAIR = Pattern.compile("([a-z_][a-z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Annotations() {
    }

    /** The key/value pairs of the statement's schemagate annotation, in order; empty when there is none. */
    public static Map<String, String> of(String sql) {
        Matcher c = COMMENT.matcher(sql);
        if (!c.find()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        Matcher p = PAIR.matcher(c.group(1));
        while (p.find()) {
            out.putIfAbsent(p.group(1), p.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return Collections.unmodifiableMap(out);
    }
}
