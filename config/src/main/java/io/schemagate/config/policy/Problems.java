package io.schemagate.config.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The problems found in one policy file, each as {@code file:line:col: what is wrong}. Reading goes
 * on after a problem so that one run of {@code policy validate} shows them all.
 */
final class Problems {

    private record Problem(int line, int column, String message) {
    }

    private final String file;
    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(int line, int column, String message) {
        errors.add(new Problem(line, column, message));
    }

    void add(YamlNode at, String message) {
        add(at.line(), at.column(), message);
    }

    void warn(YamlNode at, String message) {
        warnings.add(new Problem(at.line(), at.column(), message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    String location(YamlNode at) {
        return file + ":" + at.line() + ":" + at.column();
    }

    List<String> errors() {
        return format(errors, "");
    }

    List<String> warnings() {
        return format(warnings, "warning: ");
    }

    private List<String> format(List<Problem> list, String prefix) {
        return list.stream()
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .map(p -> file + ":" + p.line() + ":" + p.column() + ": " + prefix + p.message())
                .toList();
    }
}
