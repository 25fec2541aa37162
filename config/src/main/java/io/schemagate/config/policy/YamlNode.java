package io.schemagate.config.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line and column it starts at, so that errors found after parsing (an
 * unknown check id, a rule id used twice) can still point into the file.
 */
sealed interface YamlNode {

    int line();

    int column();

    /** A name for the node's shape in error messages: "a list", "a mapping", "a text". */
    String shape();

    /**
     * A scalar. {@code text} is the value as written; {@code isNull} for {@code ~}, {@code null} or an
     * empty value; {@code quoted} is false for plain numbers and booleans.
     */
    record Scalar(String text, boolean isNull, boolean string, int line, int column) implements YamlNode {
        public String shape() {
            return isNull ? "empty" : "a single value";
        }
    }

    record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {
        public String shape() {
            return "a list";
        }
    }

    /** A mapping; {@code keys} holds where each key was written. */
    record Mapping(LinkedHashMap<String, YamlNode> entries, Map<String, Scalar> keys, int line, int column)
            implements YamlNode {
        public String shape() {
            return "a mapping";
        }
    }
}
