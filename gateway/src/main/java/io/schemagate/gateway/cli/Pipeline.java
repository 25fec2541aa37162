package io.schemagate.gateway.cli;

import io.schemagate.config.policy.KnownChecks;
import io.schemagate.config.policy.PolicyException;
import io.schemagate.config.policy.PolicyFiles;
import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.Checks;
import io.schemagate.policy.rule.Judge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The parts the policy commands judge with: the analysers, the checks catalogue, the planner and
 * the policy file (or the built-in one).
 */
final class Pipeline {

    /** Said whenever a command cannot analyse SQL because the analysers are missing from the build. */
    static final String NO_ANALYSIS = "the DDL analysers (libpg_query for PostgreSQL, Druid for MySQL) are not part "
            + "of this build, so SQL cannot be judged; build SchemaGate with the analysis module";

    private Pipeline() {
    }

    static KnownChecks knownChecks() {
        return KnownChecks.of(Checks.all().stream().map(Check::id).collect(Collectors.toSet()));
    }

    /** The analysers, when this build has them. */
    static Optional<Judge.Analysis> analysis() {
        return Optional.empty();
    }

    static Judge.Plans plans() {
        return Judge.Plans.NONE;
    }

    /** A policy file, or the built-in policy when {@code file} is null. */
    static PolicyFiles.Loaded policy(Path file) {
        return file == null ? PolicyFiles.builtIn(knownChecks()) : PolicyFiles.load(file, knownChecks());
    }

    /** True when the file cannot be read at all (as opposed to a file with mistakes in it). */
    static boolean unreadable(Path file) {
        return !Files.isRegularFile(file) || !Files.isReadable(file);
    }

    static void printProblems(CliIo io, PolicyException e) {
        e.problems().forEach(io.err()::println);
    }
}
