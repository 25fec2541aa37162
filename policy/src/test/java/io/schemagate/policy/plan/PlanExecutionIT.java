package io.schemagate.policy.plan;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.check.Catalog;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Analyzers;
import io.schemagate.policy.ddl.TableRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner's SQL on the real servers (PostgreSQL 15, MariaDB 10.11): every step runs, every
 * verification query is true afterwards, no row is lost, backfilled columns have no NULLs left, and the
 * compensating steps undo the plan. Each case gets its own PostgreSQL schema / MariaDB database.
 */
class PlanExecutionIT {

    private static final String PG = env("SCHEMAGATE_TEST_PG", "127.0.0.1:5432");
    private static final String MY = env("SCHEMAGATE_TEST_MYSQL", "127.0.0.1:3306");
    private static final int ROWS = 200;
    private static String pgDatabase;

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String unique(String prefix) {
        return (prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36))
                .toLowerCase(Locale.ROOT);
    }

    private static Connection pg(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + PG + "/" + database,
                env("SCHEMAGATE_TEST_PG_USER", "postgres"), null);
    }

    private static Connection mysql(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + MY + "/" + (database == null ? "" : database)
                        + "?allowPublicKeyRetrieval=true&useSSL=false", env("SCHEMAGATE_TEST_MYSQL_USER", "root"),
                env("SCHEMAGATE_TEST_MYSQL_PASSWORD", ""));
    }

    @BeforeAll
    static void createPgDatabase() throws SQLException {
        pgDatabase = unique("sg_plan");
        try (Connection c = pg("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + pgDatabase);
        }
    }

    @AfterAll
    static void dropPgDatabase() throws SQLException {
        try (Connection c = pg("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + pgDatabase + " WITH (FORCE)");
        }
    }

    @ParameterizedTest(name = "PostgreSQL: {0}")
    @ValueSource(strings = {
            "ALTER TABLE accounts ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid()",
            "ALTER TABLE accounts ADD COLUMN score int NOT NULL DEFAULT 0 CHECK (score >= 0)",
            "ALTER TABLE accounts ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp()",
            "ALTER TABLE accounts ADD COLUMN code text UNIQUE",
            "ALTER TABLE accounts ALTER COLUMN email SET NOT NULL",
            "ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id) "
                    + "ON DELETE SET NULL",
            "ALTER TABLE accounts ADD CONSTRAINT n_positive CHECK (n > 0)",
            "ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email)",
            "CREATE INDEX ON accounts (lower(email)) WHERE n > 0",
            "DROP INDEX accounts_n_idx",
            "REINDEX TABLE accounts",
            "ALTER TABLE events DETACH PARTITION events_2020",
            "ALTER TABLE plain ADD COLUMN ext_id uuid DEFAULT gen_random_uuid() PRIMARY KEY",
            "ALTER TABLE plain ADD PRIMARY KEY (id)",
            "ALTER TABLE accounts ADD COLUMN seq bigserial",
            "ALTER TABLE plain ADD COLUMN pk bigserial PRIMARY KEY"})
    void postgresPlanRunsAndRollsBack(String sql) throws SQLException {
        String schema = unique("s");
        try (Connection c = pg(pgDatabase)) {
            PlanRunner runner = new PlanRunner(c, true);
            runner.execute("CREATE SCHEMA " + schema);
            runner.execute("SET search_path = " + schema);
            runner.execute("CREATE TABLE owners (id bigint PRIMARY KEY)");
            runner.execute("INSERT INTO owners SELECT g FROM generate_series(1, 10) g");
            runner.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, email text, n int, owner_id bigint)");
            runner.execute("INSERT INTO accounts SELECT g, 'u' || g || '@example.com', g, 1 + g % 10 "
                    + "FROM generate_series(1, " + ROWS + ") g");
            runner.execute("CREATE INDEX accounts_n_idx ON accounts (n)");
            runner.execute("CREATE TABLE plain (id int)");
            runner.execute("INSERT INTO plain SELECT g FROM generate_series(1, " + ROWS + ") g");
            runner.execute("CREATE TABLE events (id int, at date) PARTITION BY RANGE (at)");
            runner.execute("CREATE TABLE events_2020 PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')");

            ServerVersion version = ServerVersion.parse(Dialect.POSTGRESQL, runner.string("SHOW server_version"));
            Plan plan = plan(Dialect.POSTGRESQL, version, Catalog.NONE, sql);
            runner.run(plan);
            String table = plan.table() == null ? "accounts" : plan.table().name();
            if (!table.equals("events")) {
                // A detached partition takes its rows with it; everywhere else no row may go missing.
                assertThat(runner.count("SELECT count(*) FROM " + table)).isEqualTo(ROWS);
            }
            for (Step step : plan.steps()) {
                if (step instanceof Step.Backfill b) {
                    assertThat(runner.count("SELECT count(*) FROM " + b.table() + " WHERE " + b.column() + " IS NULL"))
                            .isZero();
                }
            }
            if (plan.steps().get(0).rollbackSql() != null) {
                runner.rollBack(plan);
                assertThat(runner.bool(plan.steps().get(0).verifySql())).as("undone: %s", plan.steps().get(0)
                        .description()).isFalse();
            }
            runner.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @ParameterizedTest(name = "MariaDB / MySQL: {0}")
    @ValueSource(strings = {
            "ALTER TABLE accounts ADD COLUMN note varchar(20)",
            "ALTER TABLE accounts ADD COLUMN note int AFTER id",
            "ALTER TABLE accounts ADD COLUMN uid char(36) NOT NULL DEFAULT (uuid())",
            "ALTER TABLE accounts MODIFY n int NOT NULL DEFAULT 0",
            "ALTER TABLE accounts ADD INDEX accounts_email_idx (email)",
            "CREATE UNIQUE INDEX accounts_code_idx ON accounts (code)",
            "ALTER TABLE accounts ADD COLUMN a int, ADD COLUMN b varchar(10) NOT NULL DEFAULT ''",
            "ALTER TABLE accounts MODIFY email varchar(120)"})
    void mysqlPlanRunsAndRollsBack(String sql) throws SQLException {
        String database = unique("sg_plan");
        try (Connection admin = mysql(null); Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        try (Connection c = mysql(database)) {
            PlanRunner runner = new PlanRunner(c, false);
            runner.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, email varchar(100), code varchar(20), n int NULL)");
            for (int i = 1; i <= ROWS; i++) {
                runner.execute("INSERT INTO accounts VALUES (" + i + ", 'u" + i + "@example.com', 'c" + i + "', "
                        + (i % 3 == 0 ? "NULL" : String.valueOf(i)) + ")");
            }
            ServerVersion version = ServerVersion.parse(Dialect.MYSQL, runner.string("SELECT VERSION()"));
            Catalog live = liveCatalog(c);
            Plan plan = plan(Dialect.MYSQL, version, live, sql);
            runner.run(plan);
            assertThat(runner.count("SELECT count(*) FROM accounts")).isEqualTo(ROWS);
            for (Step step : plan.steps()) {
                if (step instanceof Step.Backfill b) {
                    assertThat(runner.count("SELECT count(*) FROM accounts WHERE " + b.column() + " IS NULL")).isZero();
                }
            }
            if (plan.steps().get(0).rollbackSql() != null) {
                runner.rollBack(plan);
                assertThat(runner.bool(plan.steps().get(0).verifySql())).isFalse();
            }
        } finally {
            try (Connection admin = mysql(null); Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    private static Plan plan(Dialect dialect, ServerVersion version, Catalog catalog, String sql) {
        List<AnalyzedStatement> statements = Analyzers.forDialect(dialect, version).analyze(sql);
        assertThat(statements).hasSize(1);
        Planning planning = Planner.forDialect(dialect).plan(statements.get(0),
                CheckContext.standalone(version, catalog));
        assertThat(planning).as("plan for %s on %s", sql, version).isInstanceOf(Planning.Staged.class);
        return ((Planning.Staged) planning).plan();
    }

    /** The two live facts the MySQL planner needs, read on demand (the gateway's catalog preloads them). */
    private static Catalog liveCatalog(Connection c) {
        return new Catalog() {
            @Override
            public Optional<String> columnType(TableRef table, String column) {
                return query("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                        + "AND TABLE_NAME = '" + table.name() + "' AND COLUMN_NAME = '" + column + "'");
            }

            @Override
            public Optional<String> mysqlSqlMode() {
                return query("SELECT @@SESSION.sql_mode");
            }

            private Optional<String> query(String sql) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                } catch (SQLException e) {
                    throw new IllegalStateException("catalog query failed: " + sql, e);
                }
            }
        };
    }
}
