package io.schemagate.config.policy;

import io.schemagate.policy.rule.Policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads policy files. Every problem comes back at once as a {@link PolicyException} whose lines read
 * {@code file:line:col: what is wrong}.
 */
public final class PolicyFiles {

    /** The name the built-in default policy is reported under. */
    public static final String BUILT_IN = "built-in:policy.yaml";
    private static final String BUILT_IN_RESOURCE = "/io/schemagate/config/policy/policy.yaml";

    private PolicyFiles() {
    }

    /** A policy with the warnings its file gave (problems that do not stop it from being used). */
    public record Loaded(Policy policy, List<String> warnings) {
    }

    public static Loaded load(Path file, KnownChecks checks) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PolicyException(List.of(file + ": no such file"));
        } catch (IOException e) {
            throw new PolicyException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        return parse(file.toString(), text, checks);
    }

    public static Loaded parse(String name, String text, KnownChecks checks) {
        Problems problems = new Problems(name);
        YamlNode root = new YamlTreeReader(problems).read(text);
        Policy policy = root == null ? null : new PolicyReader(name, problems, checks.fresh()).read(root);
        if (!problems.isEmpty() || policy == null) {
            throw new PolicyException(problems.errors());
        }
        return new Loaded(policy, problems.warnings());
    }

    /** The default policy shipped with SchemaGate (the same text as {@code examples/policy.yaml}). */
    public static Loaded builtIn(KnownChecks checks) {
        return parse(BUILT_IN, builtInText(), checks);
    }

    public static String builtInText() {
        try (InputStream in = PolicyFiles.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in policy " + BUILT_IN_RESOURCE
                        + " is missing from the class path; the build did not copy examples/policy.yaml");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in policy: " + e.getMessage(), e);
        }
    }
}
