package io.schemagate.gateway.gate;

import io.schemagate.config.policy.PolicyException;
import io.schemagate.config.policy.PolicyFiles;
import io.schemagate.gateway.audit.AuditEvent;
import io.schemagate.gateway.audit.AuditKind;
import io.schemagate.gateway.audit.AuditLog;
import io.schemagate.gateway.metrics.GatewayMetrics;
import io.schemagate.policy.rule.Judge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The policy in force, replaced atomically on reload: statements judged after the swap see the new
 * policy, statements already being judged finish under the old one. A file that does not load is
 * refused and the old policy stays; the failure is logged, counted, audited and shown by
 * {@code /health/ready} until a good file is loaded.
 */
public final class PolicyHolder implements Supplier<Judge> {

    private static final Logger log = LoggerFactory.getLogger(PolicyHolder.class);

    private final Path file;
    private final AuditLog audit;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final AtomicReference<Judge> current = new AtomicReference<>();
    private volatile String lastFailure;

    /**
     * Loads the policy for the first time; a broken file stops start-up with its errors.
     *
     * @param file the policy file, or null for the built-in policy
     */
    public PolicyHolder(Path file, AuditLog audit, GatewayMetrics metrics, Clock clock) {
        this.file = file;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        PolicyFiles.Loaded loaded = Judges.policy(file);
        current.set(Judges.judge(loaded, clock));
        loaded(loaded, "loaded");
    }

    @Override
    public Judge get() {
        return current.get();
    }

    public Path file() {
        return file;
    }

    /** Loads the file again; true when the new policy is in force. */
    public synchronized boolean reload() {
        PolicyFiles.Loaded loaded;
        try {
            loaded = Judges.policy(file);
        } catch (PolicyException e) {
            fail(e.problems());
            return false;
        } catch (RuntimeException e) {
            fail(List.of(String.valueOf(file) + ": " + e.getMessage()));
            return false;
        }
        current.set(Judges.judge(loaded, clock));
        lastFailure = null;
        loaded(loaded, "reloaded");
        return true;
    }

    /** Null while the policy in force is the latest file; otherwise why the latest file was refused. */
    public String problem() {
        return lastFailure;
    }

    private void loaded(PolicyFiles.Loaded loaded, String how) {
        String source = file == null ? PolicyFiles.BUILT_IN : file.toString();
        log.info("policy {} {} ({} rules){}", source, how, loaded.policy().rules().size(),
                loaded.warnings().isEmpty() ? "" : "; warnings: " + String.join("; ", loaded.warnings()));
        metrics.policyReload("success");
        audit.append(AuditEvent.of(AuditKind.POLICY_LOADED)
                .put("policy", source)
                .put("sha256", digest())
                .put("rules", loaded.policy().rules().size())
                .put("warnings", loaded.warnings().isEmpty() ? null : loaded.warnings())
                .build()).join();
    }

    private void fail(List<String> problems) {
        lastFailure = "policy " + file + " was refused at " + Instant.now(clock) + ": " + String.join("; ", problems)
                + " (the previous policy stays in force)";
        log.error("{}", lastFailure);
        metrics.policyReload("failure");
        try {
            audit.append(AuditEvent.of(AuditKind.POLICY_RELOAD_FAILED).put("policy", String.valueOf(file))
                    .put("errors", problems).build()).join();
        } catch (RuntimeException e) {
            log.error("the failed reload could not be audited: {}", e.getMessage());
        }
    }

    private String digest() {
        if (file == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }
}
