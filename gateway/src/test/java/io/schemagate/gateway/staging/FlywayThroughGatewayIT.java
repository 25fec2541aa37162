package io.schemagate.gateway.staging;

import io.schemagate.gateway.executor.Migration;
import io.schemagate.gateway.testing.TestServers;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.schemagate.gateway.staging.StagedAddColumnPgIT.one;
import static io.schemagate.gateway.staging.StagedAddColumnPgIT.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5: Flyway runs a migration folder with unsafe statements (a volatile-default NOT NULL column,
 * an index built without CONCURRENTLY / without an ALGORITHM guard) through the gateway. The migration
 * succeeds, Flyway's history is right, and the staged background work finishes afterwards.
 */
class FlywayThroughGatewayIT {

    private static final Logger log = LoggerFactory.getLogger(FlywayThroughGatewayIT.class);

    @TempDir
    Path dir;

    @Test
    void postgresMigrationFolderRunsAndStagedStepsFinish() throws Exception {
        String db = TestServers.createPgDatabase("sg_flyway_pg");
        try (StagingGateway gateway = StagingGateway.start(dir, Duration.ofMillis(200), Duration.ofSeconds(2))) {
            MigrateResult result = Flyway.configure()
                    .dataSource("jdbc:postgresql://127.0.0.1:" + gateway.pgPort() + "/" + db, TestServers.pgUser(), null)
                    .locations("classpath:db/staging/pg")
                    .load().migrate();
            assertThat(result.success).isTrue();
            assertThat(result.migrationsExecuted).isEqualTo(2);
            // Flyway's own history table, its primary key and index were created in one transaction:
            // nobody else could see the table, so they ran as sent, not staged.
            try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
                assertThat(one(s, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'flyway_schema_history'::regclass "
                        + "AND contype = 'p'")).isEqualTo(1);
                assertThat(one(s, "SELECT count(*) FROM pg_indexes WHERE tablename = 'flyway_schema_history'")).isEqualTo(2);
            }
            // The two unsafe statements of V2 were staged; their background steps ran after Flyway's COMMIT.
            for (Migration m : gateway.awaitCompleted(db, 2, Duration.ofMinutes(2))) {
                log.info("Flyway on PostgreSQL, staged: {}", StagingGateway.outcomes(m));
            }
            try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
                assertThat(history(s)).containsExactly("1 orders true", "2 unsafe changes true");
                assertThat(one(s, "SELECT attnotnull::int FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'c'"))
                        .isEqualTo(1);
                assertThat(one(s, "SELECT count(*) FROM orders WHERE c IS NULL")).isZero();
                assertThat(one(s, "SELECT count(DISTINCT c) FROM orders")).isGreaterThan(50);
                assertThat(text(s, "SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'orders_qty_idx'::regclass"))
                        .isEqualTo("true");
            }
        } finally {
            TestServers.dropPgDatabase(db);
        }
    }

    @Test
    void mysqlMigrationFolderRunsAndStagedStepsFinish() throws Exception {
        String db = TestServers.createMysqlDatabase("sg_flyway_my");
        try (StagingGateway gateway = StagingGateway.start(dir, Duration.ofMillis(200), Duration.ofSeconds(2))) {
            MigrateResult result = Flyway.configure()
                    .dataSource("jdbc:mysql://127.0.0.1:" + gateway.mysqlPort() + "/" + db
                            + "?allowPublicKeyRetrieval=true&useSSL=false", TestServers.mysqlUser(), TestServers.mysqlPassword())
                    .locations("classpath:db/staging/mysql")
                    .load().migrate();
            assertThat(result.success).isTrue();
            assertThat(result.migrationsExecuted).isEqualTo(2);
            for (Migration m : gateway.awaitCompleted(db, 1, Duration.ofMinutes(2))) {
                log.info("Flyway on MySQL, staged: {}", StagingGateway.outcomes(m));
            }
            try (Connection c = TestServers.mysqlAdmin(db); Statement s = c.createStatement()) {
                assertThat(history(s)).containsExactly("1 orders true", "2 unsafe changes true");
                assertThat(text(s, "SELECT IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                        + "AND TABLE_NAME = 'orders' AND COLUMN_NAME = 'c'")).isEqualTo("NO");
                assertThat(one(s, "SELECT count(*) FROM orders WHERE c IS NULL")).isZero();
                assertThat(one(s, "SELECT count(DISTINCT c) FROM orders")).isGreaterThan(50);
                assertThat(one(s, "SELECT count(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                        + "AND TABLE_NAME = 'orders' AND INDEX_NAME = 'orders_qty_idx'")).isEqualTo(1);
            }
        } finally {
            TestServers.dropMysqlDatabase(db);
        }
    }

    private static List<String> history(Statement s) throws java.sql.SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT version, description, success FROM flyway_schema_history "
                + "WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2).toLowerCase(java.util.Locale.ROOT) + " " + rs.getBoolean(3));
            }
        }
        return rows;
    }
}
