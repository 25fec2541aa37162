package io.schemagate.gateway.cli;

import io.schemagate.config.policy.KnownChecks;
import io.schemagate.config.policy.PolicyException;
import io.schemagate.config.policy.PolicyFiles;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.Analyzers;
import io.schemagate.policy.ddl.ParserStatus;
import io.schemagate.policy.ddl.StatementAnalyzer;
import io.schemagate.gateway.gate.Judges;
import io.schemagate.policy.rule.Judge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parts the policy commands judge with: the analysers, the checks catalogue, the planner and
 * the policy file (or the built-in one).
 */
final class Pipeline {

    private Pipeline() {
    }

    static KnownChecks knownChecks() {
        return KnownChecks.catalogue();
    }

    static Judge.Analysis analysis() {
        return Judges.analysis();
    }

    /**
     * Says on {@code err} when the dialect's parser cannot be loaded (then every DDL statement is
     * UNKNOWN and the policy's unknown default decides it); true when it is usable.
     */
    static boolean reportParser(Dialect dialect, CliIo io) {
        ParserStatus status = Analyzers.status(dialect);
        if (!status.available()) {
            io.err().println("warning: " + status.parser() + " is not available: " + status.message());
        }
        return status.available();
    }

    static Judge.Plans plans() {
        return Judges.plans();
    }

    /** A policy file, or the built-in policy when {@code file} is null. */
    static PolicyFiles.Loaded policy(Path file) {
        return Judges.policy(file);
    }

    /** True when the file cannot be read at all (as opposed to a file with mistakes in it). */
    static boolean unreadable(Path file) {
        return !Files.isRegularFile(file) || !Files.isReadable(file);
    }

    static void printProblems(CliIo io, PolicyException e) {
        e.problems().forEach(io.err()::println);
    }
}
