package io.schemagate.benchmarks;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Analyzers;
import io.schemagate.policy.ddl.StatementAnalyzer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Latency of the full analysis of a typical ALTER TABLE, off the hot path (only DDL gets here). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AnalyzerBenchmark {

    static final String PG_ALTER = "ALTER TABLE public.orders ADD COLUMN shipped_at timestamptz DEFAULT now() NOT NULL, "
            + "ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID";
    static final String MYSQL_ALTER = "ALTER TABLE `shop`.`orders` ADD COLUMN `coupon_code` varchar(64) CHARACTER SET "
            + "utf8mb4 DEFAULT NULL COMMENT 'coupon' AFTER `total`, ADD INDEX idx_coupon (coupon_code), ALGORITHM=INPLACE, LOCK=NONE";

    private final StatementAnalyzer pg = Analyzers.forDialect(Dialect.POSTGRESQL, ServerVersion.DEFAULT_POSTGRESQL);
    private final StatementAnalyzer mysql = Analyzers.forDialect(Dialect.MYSQL, ServerVersion.DEFAULT_MYSQL);

    @Benchmark
    public List<AnalyzedStatement> pgAlterTable() {
        return pg.analyze(PG_ALTER);
    }

    @Benchmark
    public List<AnalyzedStatement> mysqlAlterTable() {
        return mysql.analyze(MYSQL_ALTER);
    }
}
