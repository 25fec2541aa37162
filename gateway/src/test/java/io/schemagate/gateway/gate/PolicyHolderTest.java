package io.schemagate.gateway.gate;

import io.schemagate.config.FileWatcher;
import io.schemagate.config.policy.PolicyFiles;
import io.schemagate.gateway.audit.FileAuditLog;
import io.schemagate.gateway.metrics.GatewayMetrics;
import io.schemagate.policy.rule.Judge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PolicyHolderTest {

    @TempDir
    Path dir;

    @Test
    void aBrokenPolicyIsRefusedAndTheOldOneStays() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, PolicyFiles.builtInText());
        GatewayMetrics metrics = new GatewayMetrics();
        try (FileAuditLog audit = FileAuditLog.open(dir.resolve("audit.jsonl"), "gw", null, Clock.systemUTC())) {
            PolicyHolder holder = new PolicyHolder(file, audit, metrics, Clock.systemUTC());
            Judge first = holder.get();

            Files.writeString(file, "version: 1\nrules:\n  - id: x\n    match: {checks: [no-such-check]}\n    action: reject\n");
            assertThat(holder.reload()).isFalse();
            assertThat(holder.get()).isSameAs(first);
            assertThat(holder.problem()).contains("was refused", "no-such-check", "the previous policy stays in force");

            Files.writeString(file, PolicyFiles.builtInText());
            assertThat(holder.reload()).isTrue();
            assertThat(holder.get()).isNotSameAs(first);
            assertThat(holder.problem()).isNull();
        }
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("policy_loaded", "policy_reload_failed");
        assertThat(metrics.scrape()).contains("schemagate_policy_reloads_total{outcome=\"failure\"} 1.0",
                "schemagate_policy_reloads_total{outcome=\"success\"} 2.0");
    }

    @Test
    void savingTheFileReloadsIt() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, PolicyFiles.builtInText());
        try (FileAuditLog audit = FileAuditLog.open(dir.resolve("audit.jsonl"), "gw", null, Clock.systemUTC())) {
            PolicyHolder holder = new PolicyHolder(file, audit, new GatewayMetrics(), Clock.systemUTC());
            Judge first = holder.get();
            try (FileWatcher ignored = new FileWatcher(file, holder::reload)) {
                Path tmp = dir.resolve("policy.yaml.new");
                Files.writeString(tmp, PolicyFiles.builtInText());
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                await().atMost(Duration.ofSeconds(20)).until(() -> holder.get() != first);
            }
        }
    }
}
