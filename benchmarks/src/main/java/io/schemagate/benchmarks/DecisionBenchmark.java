package io.schemagate.benchmarks;

import io.schemagate.config.policy.KnownChecks;
import io.schemagate.config.policy.PolicyFiles;
import io.schemagate.policy.Decision;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.Principal;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.check.Catalog;
import io.schemagate.policy.check.CheckRunner;
import io.schemagate.policy.ddl.Analyzers;
import io.schemagate.policy.ddl.StatementAnalyzer;
import io.schemagate.policy.rule.Judge;
import io.schemagate.policy.rule.PolicyEngine;
import io.schemagate.policy.rule.Subject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decision latency for one DDL statement without catalog look-ups: analyse, run the checks, plan,
 * and decide under the built-in policy, as the gateway does before anything reaches the server.
 * Sample mode, so JMH reports the p50 / p99 the target (p99 under 1 ms) is stated in. The
 * {@code rulesOnly} case isolates the policy engine on an already analysed and checked statement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecisionBenchmark {

    static final String PG_INDEX = "CREATE INDEX orders_created_idx ON public.orders (created_at)";
    static final String PG_VOLATILE = "ALTER TABLE public.orders ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid()";
    static final String PG_DROP = "ALTER TABLE public.orders DROP COLUMN legacy_status";
    static final String MYSQL_ADD = "ALTER TABLE shop.orders ADD COLUMN coupon_code varchar(64) NULL, ADD INDEX idx_coupon (coupon_code)";

    private static final Principal APP = new Principal("app", "shop", "10.0.0.1", "bench", null);

    private final PolicyEngine engine = new PolicyEngine(PolicyFiles.builtIn(KnownChecks.catalogue()).policy(),
            Clock.systemUTC());
    private final StatementAnalyzer pg = Analyzers.forDialect(Dialect.POSTGRESQL, ServerVersion.DEFAULT_POSTGRESQL);
    private final StatementAnalyzer mysql = Analyzers.forDialect(Dialect.MYSQL, ServerVersion.parse(Dialect.MYSQL, "8.0.35"));
    private final Judge pgJudge = new Judge(engine, (sql, d, v) -> pg.analyze(sql), Judge.Plans.planner());
    private final Judge mysqlJudge = new Judge(engine, (sql, d, v) -> mysql.analyze(sql), Judge.Plans.planner());
    private final Subject checkedDrop = checked(PG_DROP);

    private Subject checked(String sql) {
        var statements = pg.analyze(sql);
        var result = CheckRunner.forDialect(Dialect.POSTGRESQL).run(statements,
                new CheckRunner.Session(ServerVersion.DEFAULT_POSTGRESQL, Catalog.NONE, false, true)).get(0);
        return new Subject(result.statement(), result.findings(), null, APP, Catalog.NONE);
    }

    private static Judge.Request pgRequest(String sql) {
        return new Judge.Request(sql, Dialect.POSTGRESQL, ServerVersion.DEFAULT_POSTGRESQL, APP, Catalog.NONE, false, true);
    }

    @Benchmark
    public List<Judge.Judgement> pgIndexRewrite() {
        return pgJudge.judge(pgRequest(PG_INDEX));
    }

    @Benchmark
    public List<Judge.Judgement> pgVolatileDefaultRewrite() {
        return pgJudge.judge(pgRequest(PG_VOLATILE));
    }

    @Benchmark
    public List<Judge.Judgement> pgDropColumnApproval() {
        return pgJudge.judge(pgRequest(PG_DROP));
    }

    @Benchmark
    public List<Judge.Judgement> mysqlAddColumnAndIndex() {
        return mysqlJudge.judge(new Judge.Request(MYSQL_ADD, Dialect.MYSQL, ServerVersion.parse(Dialect.MYSQL, "8.0.35"),
                APP, Catalog.NONE, false, true));
    }

    @Benchmark
    public Decision rulesOnly() {
        return engine.decide(checkedDrop);
    }
}
