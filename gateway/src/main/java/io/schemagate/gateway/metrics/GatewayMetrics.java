package io.schemagate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The gateway's metrics, served at {@code /metrics} in the Prometheus text format. Names follow
 * Prometheus conventions: a {@code schemagate_} prefix, base units (seconds, bytes) and
 * {@code _total} on counters (Micrometer adds the suffixes).
 */
public final class GatewayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer decisionLatency;
    private final Timer auditWrites;
    private final Counter auditFailures;
    private final Counter backfillRows;
    private final AtomicLong replicaLagMillis = new AtomicLong();
    private final AtomicLong backfillRate = new AtomicLong();

    public GatewayMetrics() {
        decisionLatency = Timer.builder("schemagate.decision.duration")
                .description("Time to judge a query string that may contain DDL, audit write included")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        auditWrites = Timer.builder("schemagate.audit.write.duration")
                .description("Time until an audit record is durable")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        auditFailures = Counter.builder("schemagate.audit.write.failures")
                .description("Audit records that could not be written").register(registry);
        backfillRows = Counter.builder("schemagate.backfill.rows")
                .description("Rows filled by staged-migration backfills").register(registry);
        // Both outcomes exist from the start, so increase(...{outcome="failure"}) alerts work before the first failure.
        policyReloads("success");
        policyReloads("failure");
        Gauge.builder("schemagate.replica.lag", replicaLagMillis, v -> v.get() / 1000.0)
                .description("Largest replica lag the backfill last observed").baseUnit("seconds").register(registry);
        Gauge.builder("schemagate.backfill.rate", backfillRate, AtomicLong::get)
                .description("Rows per second of the backfill under way").baseUnit("rows.per.second").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The text served at {@code /metrics}. */
    public String scrape() {
        return registry.scrape();
    }

    public void judged(String decision, String ruleId, long nanos) {
        Counter.builder("schemagate.statements.judged")
                .description("Schema statements judged, by decision and rule")
                .tag("decision", decision.toLowerCase(Locale.ROOT))
                .tag("rule", ruleId == null ? "none" : ruleId)
                .register(registry).increment();
        decisionLatency.record(Duration.ofNanos(nanos));
    }

    public void auditWrite(long nanos, boolean ok) {
        auditWrites.record(Duration.ofNanos(nanos));
        if (!ok) {
            auditFailures.increment();
        }
    }

    public void policyReload(String outcome) {
        policyReloads(outcome).increment();
    }

    private Counter policyReloads(String outcome) {
        return Counter.builder("schemagate.policy.reloads").description("Policy (re)loads by outcome")
                .tag("outcome", outcome).register(registry);
    }

    public void backfillBatch(long rows, double rowsPerSecond, Duration replicaLag) {
        backfillRows.increment(rows);
        backfillRate.set(Math.round(rowsPerSecond));
        replicaLagMillis.set(replicaLag.toMillis());
    }

    /** A gauge whose value is asked for at each scrape (e.g. migrations by state). */
    public void gauge(String name, String description, String tagKey, String tagValue, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).tag(tagKey, tagValue).register(registry);
    }
}
