package io.schemagate.gateway.cli;

import io.schemagate.config.policy.PolicyFiles;
import io.schemagate.policy.rule.PolicyTestRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped example (which is also the built-in policy) must stay valid against the real checks
 * catalogue and its own test cases must pass through the real analysers and planner.
 */
class ExamplePolicyTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "policy.yaml");

    @Test
    void exampleValidatesWithoutWarnings() {
        PolicyFiles.Loaded loaded = Pipeline.policy(EXAMPLE);
        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.policy().tests()).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void exampleTestsPass() {
        PolicyFiles.Loaded loaded = Pipeline.policy(EXAMPLE);
        List<PolicyTestRunner.Result> results = new PolicyTestRunner(loaded.policy(), Pipeline.analysis(),
                Pipeline.plans(), Clock.systemUTC()).run();
        assertThat(results).allSatisfy(r -> assertThat(r.problem()).as(r.test().location() + " " + r.test().name()).isNull());
    }

    @Test
    void builtInPolicyIsTheExample() {
        CliRun r = CliRun.run("policy", "test", EXAMPLE.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(0);
        assertThat(PolicyFiles.builtIn(Pipeline.knownChecks()).policy().rules())
                .isEqualTo(Pipeline.policy(EXAMPLE).policy().rules());
    }
}
