package io.schemagate.gateway.cli;

import io.schemagate.config.policy.PolicyException;
import io.schemagate.config.policy.PolicyFiles;
import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.Checks;
import io.schemagate.policy.rule.EngineChecks;
import io.schemagate.policy.rule.Policy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code schemagate policy validate FILE}: every problem as {@code file:line:col: what is wrong} on
 * standard error; exit 0 when the policy can be used, 1 when it has mistakes, 2 when it cannot be read.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a policy file: prints each problem as file:line:col: what is wrong.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the policy is valid", "1:the policy has mistakes", "2:bad usage or unreadable file"})
final class PolicyValidateCommand implements Callable<Integer>, CliIo.Aware {

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The policy file (YAML).")
    Path file;

    @Option(names = "--list-checks", description = "List the check ids a policy may name, and exit.")
    boolean listChecks;

    private CliIo io = CliIo.system();

    @Override
    public void io(CliIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (listChecks) {
            TreeSet<String> ids = new TreeSet<>(EngineChecks.IDS);
            for (Check c : Checks.all()) {
                ids.add(c.id());
            }
            for (String id : ids) {
                String dialects = Checks.byId(id).map(c -> c.dialects().stream()
                        .map(d -> d.name().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(", ")))
                        .orElse("policy engine");
                io.out().println(id + "  (" + dialects + ")");
            }
            return 0;
        }
        if (file == null) {
            io.err().println("schemagate policy validate: missing FILE (the policy file to check)");
            return 2;
        }
        if (Pipeline.unreadable(file)) {
            io.err().println(file + ": cannot read the policy file: no such readable file");
            return 2;
        }
        try {
            PolicyFiles.Loaded loaded = Pipeline.policy(file);
            loaded.warnings().forEach(io.err()::println);
            Policy p = loaded.policy();
            io.out().println(file + ": valid (" + count(p.rules().size(), "rule") + ", "
                    + count(p.protectedObjects().size(), "protected object") + ", "
                    + count(p.tests().size(), "test case") + ")");
            return 0;
        } catch (PolicyException e) {
            Pipeline.printProblems(io, e);
            io.err().println(file + ": " + count(e.problems().size(), "problem") + "; the policy cannot be used");
            return 1;
        }
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
