package io.schemagate.gateway.bench;

import io.schemagate.config.policy.KnownChecks;
import io.schemagate.config.policy.PolicyFiles;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.Principal;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.check.Catalog;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Analyzers;
import io.schemagate.policy.ddl.StatementAnalyzer;
import io.schemagate.policy.rule.Judge;
import io.schemagate.policy.rule.PolicyEngine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Decision latency per DDL statement, without catalog look-ups: analyse, run the checks, plan when
 * something was found, and decide under the built-in policy, exactly as {@code Judge} does for the
 * gateway. A plain timed loop (warm-up rounds, then every statement of the corpus timed on its own);
 * a measurement tool, not a test.
 *
 * <pre>
 * java -cp gateway/target/test-classes:&lt;runtime class path&gt; io.schemagate.gateway.bench.DecisionLatency \
 *      [postgresql|mysql] [corpus.sql] [rounds]
 * </pre>
 */
public final class DecisionLatency {

    private DecisionLatency() {
    }

    public static void main(String[] args) throws IOException {
        Dialect dialect = Dialect.fromName(args.length > 0 ? args[0] : "postgresql");
        Path corpus = Path.of(args.length > 1 ? args[1]
                : "policy/src/test/resources/corpus/" + (dialect == Dialect.POSTGRESQL ? "pg.sql" : "mysql.sql"));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        ServerVersion version = ServerVersion.defaultFor(dialect);
        StatementAnalyzer analyzer = Analyzers.forDialect(dialect, version);
        List<String> statements = analyzer.analyze(Files.readString(corpus)).stream()
                .map(AnalyzedStatement::sql).toList();
        KnownChecks checks = KnownChecks.catalogue();
        PolicyEngine engine = new PolicyEngine(PolicyFiles.builtIn(checks).policy(), Clock.systemUTC());
        Judge judge = new Judge(engine, (sql, d, v) -> analyzer.analyze(sql), Judge.Plans.planner());
        Principal who = new Principal("app", "shop", "10.0.0.1", "bench", null);

        long sink = 0;
        for (int r = 0; r < Math.max(5, rounds / 3); r++) {
            for (String sql : statements) {
                sink += judge.judge(request(sql, dialect, version, who)).size();
            }
        }
        // Wall time is what a client waits; the thread's CPU time is what the judgement itself costs,
        // without the scheduling stalls of a machine shared with other work.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[statements.size() * rounds];
        long[] cpu = new long[nanos.length];
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            for (String sql : statements) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                sink += judge.judge(request(sql, dialect, version, who)).size();
                nanos[n] = System.nanoTime() - t0;
                cpu[n++] = threads.getCurrentThreadCpuTime() - c0;
            }
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        System.out.printf("%s: %d statements x %d rounds = %d decisions (checksum %d)%n",
                corpus, statements.size(), rounds, n, sink);
        System.out.printf("wall time:   p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
                pct(nanos, 0.50), pct(nanos, 0.90), pct(nanos, 0.99), pct(nanos, 0.999), nanos[n - 1] / 1000.0);
        System.out.printf("thread CPU:  p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
                pct(cpu, 0.50), pct(cpu, 0.90), pct(cpu, 0.99), pct(cpu, 0.999), cpu[n - 1] / 1000.0);
    }

    private static Judge.Request request(String sql, Dialect dialect, ServerVersion version, Principal who) {
        return new Judge.Request(sql, dialect, version, who, Catalog.NONE, false, true);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }
}
