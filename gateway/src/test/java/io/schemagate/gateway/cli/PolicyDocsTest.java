package io.schemagate.gateway.cli;

import io.schemagate.config.policy.PolicyFiles;
import io.schemagate.policy.rule.PolicyTestRunner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every complete policy shown in docs/policy.md (a yaml block starting with {@code version: 1})
 * must load without problems and pass its own test cases, so the reference cannot drift from the code.
 */
class PolicyDocsTest {

    @Test
    void policiesInTheReferenceAreValidAndTheirTestsPass() throws IOException {
        List<String> blocks = yamlBlocks(Files.readString(Path.of("..", "docs", "policy.md")));
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < blocks.size(); i++) {
            PolicyFiles.Loaded loaded = PolicyFiles.parse("docs/policy.md block " + (i + 1), blocks.get(i),
                    Pipeline.knownChecks());
            assertThat(loaded.warnings()).as("block " + (i + 1)).isEmpty();
            List<PolicyTestRunner.Result> results = new PolicyTestRunner(loaded.policy(), Pipeline.analysis(),
                    Pipeline.plans(), Clock.systemUTC()).run();
            assertThat(results).allSatisfy(r -> assertThat(r.problem()).as(r.test().name()).isNull());
        }
    }

    private static List<String> yamlBlocks(String markdown) {
        List<String> out = new ArrayList<>();
        String[] parts = markdown.split("```yaml\n");
        for (int i = 1; i < parts.length; i++) {
            String block = parts[i].substring(0, parts[i].indexOf("```"));
            if (block.startsWith("version: 1")) {
                out.add(block);
            }
        }
        return out;
    }
}
