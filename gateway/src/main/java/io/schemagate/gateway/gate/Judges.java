package io.schemagate.gateway.gate;

import io.schemagate.config.policy.KnownChecks;
import io.schemagate.config.policy.PolicyFiles;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.Analyzers;
import io.schemagate.policy.ddl.StatementAnalyzer;
import io.schemagate.policy.rule.Judge;
import io.schemagate.policy.rule.PolicyEngine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the {@link Judge} that the gateway and the policy commands share: the analysers, the
 * checks catalogue, the planner and a policy file (or the built-in policy).
 */
public final class Judges {

    private Judges() {
    }

    public static KnownChecks knownChecks() {
        return KnownChecks.catalogue();
    }

    /** The analysers, one per dialect and server version, shared (they are thread-safe). */
    public static Judge.Analysis analysis() {
        Map<ServerVersion, StatementAnalyzer> analyzers = new ConcurrentHashMap<>();
        return (sql, dialect, version) -> analyzers.computeIfAbsent(version, v -> Analyzers.forDialect(dialect, v))
                .analyze(sql);
    }

    public static Judge.Plans plans() {
        return Judge.Plans.planner();
    }

    /** A policy file, or the built-in policy when {@code file} is null. */
    public static PolicyFiles.Loaded policy(Path file) {
        return file == null ? PolicyFiles.builtIn(knownChecks()) : PolicyFiles.load(file, knownChecks());
    }

    /** A judge for a loaded policy. */
    public static Judge judge(PolicyFiles.Loaded policy, Clock clock) {
        return new Judge(new PolicyEngine(policy.policy(), clock), analysis(), plans());
    }
}
