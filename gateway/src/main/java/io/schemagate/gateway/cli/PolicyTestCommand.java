package io.schemagate.gateway.cli;

import io.schemagate.config.policy.PolicyException;
import io.schemagate.config.policy.PolicyFiles;
import io.schemagate.policy.rule.PolicyTestRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code schemagate policy test FILE}: runs the policy's {@code tests:} cases through the same
 * judgement the gateway makes and prints PASS or FAIL per case; exit 1 when any case fails.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the test cases embedded in a policy file; prints PASS/FAIL per case.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every case passed", "1:a case failed, the policy has mistakes or no cases",
                "2:bad usage or unreadable file"})
final class PolicyTestCommand implements Callable<Integer>, CliIo.Aware {

    @Parameters(paramLabel = "FILE", description = "The policy file (YAML).")
    Path file;

    private CliIo io = CliIo.system();

    @Override
    public void io(CliIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (Pipeline.unreadable(file)) {
            io.err().println(file + ": cannot read the policy file: no such readable file");
            return 2;
        }
        PolicyFiles.Loaded loaded;
        try {
            loaded = Pipeline.policy(file);
        } catch (PolicyException e) {
            Pipeline.printProblems(io, e);
            io.err().println(file + ": the policy has mistakes; fix them before its tests can run");
            return 1;
        }
        loaded.warnings().forEach(io.err()::println);
        if (loaded.policy().tests().isEmpty()) {
            io.err().println(file + ": no test cases; add a tests: section (see docs/policy.md)");
            return 1;
        }
        loaded.policy().tests().stream().map(t -> t.dialect()).distinct().forEach(d -> Pipeline.reportParser(d, io));
        List<PolicyTestRunner.Result> results = new PolicyTestRunner(loaded.policy(), Pipeline.analysis(),
                Pipeline.plans(), Clock.systemUTC()).run();
        int failed = 0;
        for (PolicyTestRunner.Result r : results) {
            if (r.passed()) {
                io.out().println("PASS  " + r.test().name());
            } else {
                failed++;
                io.out().println("FAIL  " + r.test().name());
                io.out().println("      " + r.test().location() + ": " + r.problem());
            }
        }
        io.out().println();
        io.out().println(file + ": " + (results.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
