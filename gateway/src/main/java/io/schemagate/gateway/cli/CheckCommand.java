package io.schemagate.gateway.cli;

import io.schemagate.config.policy.PolicyException;
import io.schemagate.config.policy.PolicyFiles;
import io.schemagate.policy.Decision;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.check.Catalog;
import io.schemagate.policy.rule.Judge;
import io.schemagate.policy.rule.PolicyEngine;
import io.schemagate.policy.rule.Subject;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code schemagate check}: the gateway's judgement as a linter for CI. Needs no server: it judges
 * with no catalog, so table sizes are unknown and the server version is the one given or assumed.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Lint SQL files: findings, the policy's decision and the staged plan per statement.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:no statement has a finding (or, with --fail-on decision, none is held or rejected)",
                "1:a statement has a finding (or, with --fail-on decision, is held or rejected)",
                "2:bad usage, unreadable input or an unusable policy"})
final class CheckCommand implements Callable<Integer>, CliIo.Aware {

    /** What makes the exit code 1. */
    enum FailOn { findings, decision }

    /** What the output looks like. */
    enum Format { text, json }

    @Option(names = "--dialect", paramLabel = "postgresql|mysql", defaultValue = "postgresql",
            converter = DialectConverter.class, description = "SQL dialect of the input (default: ${DEFAULT-VALUE}).")
    Dialect dialect;

    @Option(names = "--server-version", paramLabel = "V",
            description = "Server version to judge for, e.g. 14, 16.2, 8.0.35, mariadb-10.11 "
                    + "(default: PostgreSQL 15 / MySQL 8.0, and the output says so).")
    String serverVersion;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy file (default: the built-in policy).")
    Path policyFile;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--fail-on", paramLabel = "findings|decision", defaultValue = "findings",
            description = "findings: exit 1 when any statement has a finding (default); "
                    + "decision: only when the policy would reject or hold one.")
    FailOn failOn;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "SQL files to check, or - for standard input.")
    List<String> inputs;

    private CliIo io = CliIo.system();

    @Override
    public void io(CliIo io) {
        this.io = io;
    }

    /** One input file (or standard input) and its judgements. */
    record Input(String name, String text, List<Judge.Judgement> judgements) {
    }

    @Override
    public Integer call() {
        ServerVersion version;
        try {
            version = serverVersion == null ? ServerVersion.defaultFor(dialect) : ServerVersion.parse(dialect, serverVersion);
        } catch (IllegalArgumentException e) {
            io.err().println("schemagate check: --server-version: " + e.getMessage());
            return 2;
        }
        if (policyFile != null && Pipeline.unreadable(policyFile)) {
            io.err().println(policyFile + ": cannot read the policy file: no such readable file");
            return 2;
        }
        PolicyFiles.Loaded policy;
        try {
            policy = Pipeline.policy(policyFile);
        } catch (PolicyException e) {
            Pipeline.printProblems(io, e);
            io.err().println("schemagate check: the policy has mistakes; run schemagate policy validate on it");
            return 2;
        }
        policy.warnings().forEach(io.err()::println);
        List<String[]> texts = new ArrayList<>();
        for (String name : inputs) {
            Optional<String> text = read(name);
            if (text.isEmpty()) {
                return 2;
            }
            texts.add(new String[] {name.equals("-") ? "<stdin>" : name, text.get()});
        }
        Pipeline.reportParser(dialect, io);
        Judge judge = new Judge(new PolicyEngine(policy.policy(), Clock.systemUTC()), Pipeline.analysis(), Pipeline.plans());
        List<Input> results = new ArrayList<>();
        for (String[] t : texts) {
            // A migration file runs on a session of its own: no transaction open, no lock timeout
            // set unless the file sets one, nobody known, no catalog.
            results.add(new Input(t[0], t[1], judge.judge(new Judge.Request(t[1], dialect, version, Subject.NOBODY,
                    Catalog.NONE, false, false))));
        }
        CheckReport report = new CheckReport(results, version, serverVersion == null,
                policyFile == null ? PolicyFiles.BUILT_IN : policyFile.toString());
        if (format == Format.json) {
            report.json(io.out());
        } else {
            report.text(io.out());
        }
        boolean fail = results.stream().flatMap(i -> i.judgements().stream()).anyMatch(j -> failOn == FailOn.findings
                ? !j.findings().isEmpty()
                : j.decision() instanceof Decision.Reject || j.decision() instanceof Decision.RequireApproval);
        return fail ? 1 : 0;
    }

    private Optional<String> read(String name) {
        try {
            if (name.equals("-")) {
                return Optional.of(new String(io.in().readAllBytes(), StandardCharsets.UTF_8));
            }
            Path p = Path.of(name);
            if (!Files.isRegularFile(p)) {
                io.err().println("schemagate check: " + name + ": no such file");
                return Optional.empty();
            }
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException | java.io.UncheckedIOException e) {
            io.err().println("schemagate check: " + name + ": cannot read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Accepts the dialect names of {@link Dialect#fromName}. */
    static final class DialectConverter implements ITypeConverter<Dialect> {
        @Override
        public Dialect convert(String value) {
            return Dialect.fromName(value);
        }
    }
}
