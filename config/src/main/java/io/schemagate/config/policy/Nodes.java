package io.schemagate.config.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Typed access to {@link YamlNode}s that records a located problem instead of throwing. */
final class Nodes {

    private final Problems problems;

    Nodes(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** The node as a mapping whose keys are all in {@code allowed}; null (problem recorded) otherwise. */
    YamlNode.Mapping mapping(YamlNode node, String what, Set<String> allowed) {
        if (!(node instanceof YamlNode.Mapping m)) {
            problems.add(node, what + " must be a mapping (key: value lines), not " + node.shape());
            return null;
        }
        for (String key : m.entries().keySet()) {
            if (!allowed.contains(key)) {
                problems.add(m.keys().get(key), "unknown key '" + key + "' in " + what
                        + Suggest.didYouMean(key, allowed) + "; known keys: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return m;
    }

    YamlNode.Scalar scalar(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar s && !s.isNull()) {
            return s;
        }
        problems.add(node, what + " must be a single value, not " + node.shape());
        return null;
    }

    String text(YamlNode node, String what) {
        YamlNode.Scalar s = scalar(node, what);
        return s == null ? null : s.text();
    }

    Integer integer(YamlNode node, String what, long min, long max) {
        Long v = number(node, what, min, max);
        return v == null ? null : v.intValue();
    }

    Long number(YamlNode node, String what, long min, long max) {
        YamlNode.Scalar s = scalar(node, what);
        if (s == null) {
            return null;
        }
        try {
            long v = Long.parseLong(s.text().replace("_", ""));
            if (v < min || v > max) {
                problems.add(node, what + " must be between " + min + " and " + max + ", not " + v);
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(node, what + " must be a whole number, not '" + s.text() + "'");
            return null;
        }
    }

    Boolean bool(YamlNode node, String what) {
        YamlNode.Scalar s = scalar(node, what);
        if (s == null) {
            return null;
        }
        return switch (s.text()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                problems.add(node, what + " must be true or false, not '" + s.text() + "'");
                yield null;
            }
        };
    }

    /** A list of single values; a lone value is taken as a list of one. Bad items are reported and skipped. */
    List<YamlNode.Scalar> scalars(YamlNode node, String what) {
        List<YamlNode.Scalar> out = new ArrayList<>();
        if (node instanceof YamlNode.Scalar s && !s.isNull()) {
            out.add(s);
            return out;
        }
        if (!(node instanceof YamlNode.Sequence seq)) {
            problems.add(node, what + " must be a list like [a, b], not " + node.shape());
            return out;
        }
        for (YamlNode item : seq.items()) {
            YamlNode.Scalar s = scalar(item, "each entry of " + what);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** A list of nodes; a lone mapping is taken as a list of one. */
    List<YamlNode> items(YamlNode node, String what) {
        if (node instanceof YamlNode.Sequence seq) {
            return seq.items();
        }
        if (node instanceof YamlNode.Mapping) {
            return List.of(node);
        }
        problems.add(node, what + " must be a list, not " + node.shape());
        return List.of();
    }
}
