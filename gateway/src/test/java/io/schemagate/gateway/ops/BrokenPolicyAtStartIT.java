package io.schemagate.gateway.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code schemagate serve} with a policy file that does not validate: the process exits 2 and says
 * which line is wrong and how to check the file, with no stack trace, and the audit log records the
 * failed start as a started/stopped pair that verifies.
 */
class BrokenPolicyAtStartIT {

    @TempDir
    Path dir;

    @Test
    void aBrokenPolicyStopsStartUpWithAClearMessage() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, PolicyHotReloadIT.BROKEN);
        Path config = new OpsConfig(dir).policy(policy).pgListen("127.0.0.1:" + GatewayProcess.freePort())
                .adminListen("127.0.0.1:" + GatewayProcess.freePort()).write("schemagate.yaml");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", GatewayProcess.jar().toAbsolutePath().toString(), "serve",
                "--config", config.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("serve exits").isTrue();

        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("schemagate: cannot start: " + policy + ":")
                .contains("unknown operation kind 'no-such-operation'")
                .contains("unknown action 'explode'")
                .contains("schemagate policy validate " + policy)
                .doesNotContain("\tat io.schemagate");

        Path audit = dir.resolve("audit").resolve("audit.jsonl");
        List<String> lines = Files.readAllLines(audit);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("gateway_started");
        assertThat(lines.get(1)).contains("gateway_stopped", "start-up failed");
        Cli v = Cli.run("audit", "verify", "--log", audit.toString());
        assertThat(v.exit()).as(v.toString()).isZero();
    }
}
