package io.schemagate.benchmarks;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.sql.SqlLexer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The per-query cost on the hot path: {@link SqlLexer#mayContainDdl(byte[], int, int)} on typical OLTP
 * statements of about 200 bytes, which must answer false without allocating.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LexerBenchmark {

    /** 200 bytes: a typical ORM SELECT with a string literal and parameters. */
    static final String PG_SELECT = "SELECT u.id, u.email, u.display_name, u.created_at, o.total, o.status FROM users u "
            + "JOIN orders o ON o.user_id = u.id WHERE u.email = 'someone@example.com' AND o.status = $1 LIMIT 50";
    /** About 200 bytes: an UPDATE with a quoted identifier and a comment. */
    static final String PG_UPDATE = "/* app:checkout */ UPDATE \"orders\" SET status = 'paid', paid_at = now(), "
            + "payment_ref = $2, updated_at = now() WHERE id = $1 AND status = 'pending' AND tenant_id = $3 RETURNING id";
    static final String MYSQL_INSERT = "INSERT INTO `orders` (`user_id`, `total`, `status`, `note`, `created_at`) "
            + "VALUES (42, 199.90, 'pending', 'leave at the door, please', NOW()) ON DUPLICATE KEY UPDATE `total` = VALUES(`total`)";

    private final SqlLexer pg = SqlLexer.forServer(ServerVersion.DEFAULT_POSTGRESQL);
    private final SqlLexer mysql = SqlLexer.forServer(ServerVersion.DEFAULT_MYSQL);
    private final byte[] pgSelect = PG_SELECT.getBytes(StandardCharsets.UTF_8);
    private final byte[] pgUpdate = PG_UPDATE.getBytes(StandardCharsets.UTF_8);
    private final byte[] mysqlInsert = MYSQL_INSERT.getBytes(StandardCharsets.UTF_8);
    private final byte[] pgDdl = "SELECT 1; ALTER TABLE users ADD COLUMN nickname text".getBytes(StandardCharsets.UTF_8);

    @Benchmark
    public boolean pgSelect() {
        return pg.mayContainDdl(pgSelect, 0, pgSelect.length);
    }

    @Benchmark
    public boolean pgUpdate() {
        return pg.mayContainDdl(pgUpdate, 0, pgUpdate.length);
    }

    @Benchmark
    public boolean mysqlInsert() {
        return mysql.mayContainDdl(mysqlInsert, 0, mysqlInsert.length);
    }

    @Benchmark
    public boolean pgDdlInBatch() {
        return pg.mayContainDdl(pgDdl, 0, pgDdl.length);
    }

    /** For comparison: the same check through the String convenience method, which encodes first. */
    @Benchmark
    public boolean pgSelectFromString() {
        return SqlLexer.forDialect(Dialect.POSTGRESQL).mayContainDdl(PG_SELECT);
    }
}
