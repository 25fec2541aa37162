package io.schemagate.gateway.gate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.schemagate.gateway.executor.ServiceDatabase;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.check.Catalog;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.Volatility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Catalog facts read from the live server over a service connection, for the statement being
 * judged: row estimates (for rules on table size), primary keys, existing tables, column types,
 * validated NOT NULL checks, function volatility, MySQL instant-eligibility facts. Answers are
 * remembered for {@link #TTL} across judgements; any look-up that fails answers "don't know", so the
 * checks fall back to their conservative answers and judging never fails because of the catalog.
 *
 * <p>One instance serves one judgement: it opens at most one connection, on first use, on the judging
 * thread (never an event loop), and {@link #close} ends it.
 */
final class LiveCatalog implements Catalog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveCatalog.class);
    static final Duration TTL = Duration.ofSeconds(30);

    /** Shared across judgements: facts by dialect, database, question and subject. */
    static Cache<String, Optional<Object>> newCache() {
        return Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(10_000).build();
    }

    private final Dialect dialect;
    private final ServiceDatabase db;
    private final String database;
    private final ServerVersion version;
    private final Cache<String, Optional<Object>> cache;
    private Connection connection;
    private boolean unavailable;

    LiveCatalog(Dialect dialect, ServiceDatabase db, String database, ServerVersion version, Cache<String, Optional<Object>> cache) {
        this.dialect = dialect;
        this.db = db;
        this.database = database;
        this.version = version;
        this.cache = cache;
    }

    @FunctionalInterface
    private interface Lookup {
        Object read(Connection c) throws SQLException;
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> fact(String question, String subject, Lookup lookup) {
        String key = dialect + "|" + database + "|" + question + "|" + subject;
        Optional<Object> known = cache.getIfPresent(key);
        if (known != null) {
            return (Optional<T>) known;
        }
        Optional<Object> answer = Optional.empty();
        Connection c = connection();
        if (c != null) {
            try {
                answer = Optional.ofNullable(lookup.read(c));
            } catch (SQLException e) {
                log.debug("catalog look-up {} {} failed: {}", question, subject, e.getMessage());
                return Optional.empty();
            }
        }
        cache.put(key, answer);
        return (Optional<T>) answer;
    }

    private Connection connection() {
        if (connection == null && !unavailable && database != null) {
            try {
                connection = db.connect(database);
            } catch (SQLException e) {
                unavailable = true;
                log.warn("no catalog for database {} ({}); judging with conservative answers", database, e.getMessage());
            }
        }
        return connection;
    }

    @Override
    public Optional<ServerVersion> serverVersion() {
        return Optional.of(version);
    }

    @Override
    public OptionalLong estimatedRows(TableRef table) {
        // A PostgreSQL table never analysed has reltuples -1: its size is unknown, not zero.
        Optional<Long> rows = fact("rows", table.qualified(), c -> !exists(c, table) ? null
                : dialect == Dialect.POSTGRESQL ? pgRows(c, table) : Long.valueOf(db.estimateRows(c, table)));
        return rows.map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    @Override
    public Optional<List<String>> primaryKey(TableRef table) {
        return fact("pk", table.qualified(), c -> exists(c, table) ? db.primaryKey(c, table) : null);
    }

    @Override
    public Optional<Boolean> tableExists(TableRef table) {
        return fact("exists", table.qualified(), c -> exists(c, table));
    }

    @Override
    public Optional<String> columnType(TableRef table, String column) {
        String sql = dialect == Dialect.POSTGRESQL
                ? "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = ? AND NOT attisdropped"
                : "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND COLUMN_NAME = ?";
        return fact("type", table.qualified() + "." + column, c -> dialect == Dialect.POSTGRESQL
                ? single(c, sql, table.qualified(), column) : single(c, sql, table.schema(), table.name(), column));
    }

    @Override
    public Optional<List<String>> validNotNullChecks(TableRef table, String column) {
        if (dialect != Dialect.POSTGRESQL) {
            return Optional.empty();
        }
        // pg_get_constraintdef prints a plain IS NOT NULL check as CHECK ((col IS NOT NULL)).
        String sql = "SELECT conname FROM pg_constraint WHERE conrelid = to_regclass(?) AND contype = 'c' AND convalidated "
                + "AND pg_get_constraintdef(oid) IN (?, ?)";
        String quoted = "\"" + column.replace("\"", "\"\"") + "\"";
        return fact("notnull", table.qualified() + "." + column, c -> list(c, sql, table.qualified(),
                "CHECK ((" + column + " IS NOT NULL))", "CHECK ((" + quoted + " IS NOT NULL))"));
    }

    @Override
    public Optional<Volatility> functionVolatility(String functionName) {
        if (dialect != Dialect.POSTGRESQL) {
            return Optional.empty();
        }
        int dot = functionName.lastIndexOf('.');
        String name = dot < 0 ? functionName : functionName.substring(dot + 1);
        // 'i' < 's' < 'v': the most volatile overload decides, since the call's overload is not known here.
        String sql = "SELECT max(provolatile) FROM pg_proc WHERE proname = ?";
        Optional<String> v = fact("volatility", functionName, c -> single(c, sql, name));
        return v.map(s -> switch (s) {
            case "i" -> Volatility.IMMUTABLE;
            case "s" -> Volatility.STABLE;
            default -> Volatility.VOLATILE;
        });
    }

    @Override
    public Optional<String> mysqlSqlMode() {
        return dialect == Dialect.MYSQL ? fact("sql_mode", "", c -> single(c, "SELECT @@GLOBAL.sql_mode")) : Optional.empty();
    }

    @Override
    public Optional<MySqlTableFacts> mysqlTableFacts(TableRef table) {
        if (dialect != Dialect.MYSQL) {
            return Optional.empty();
        }
        return fact("mysql-facts", table.qualified(), c -> {
            String schema = table.schema();
            String rowFormat = single(c, "SELECT ROW_FORMAT FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?", schema, table.name());
            if (rowFormat == null) {
                return null;
            }
            boolean fulltext = single(c, "SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND INDEX_TYPE = 'FULLTEXT' LIMIT 1", schema, table.name()) != null;
            boolean partitioned = single(c, "SELECT 1 FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND PARTITION_NAME IS NOT NULL LIMIT 1", schema, table.name()) != null;
            String columns = single(c, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?", schema, table.name());
            String charset = single(c, "SELECT CCSA.CHARACTER_SET_NAME FROM information_schema.TABLES T JOIN information_schema.COLLATION_CHARACTER_SET_APPLICABILITY CCSA "
                    + "ON CCSA.COLLATION_NAME = T.TABLE_COLLATION WHERE T.TABLE_SCHEMA = COALESCE(?, DATABASE()) AND T.TABLE_NAME = ?", schema, table.name());
            return new MySqlTableFacts(rowFormat, fulltext, partitioned, Integer.parseInt(columns), -1, charset);
        });
    }

    private static Long pgRows(Connection c, TableRef table) throws SQLException {
        String rows = single(c, "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?) AND reltuples >= 0", table.qualified());
        return rows == null ? null : Long.valueOf(rows);
    }

    private boolean exists(Connection c, TableRef table) throws SQLException {
        return dialect == Dialect.POSTGRESQL
                ? single(c, "SELECT to_regclass(?)::text", table.qualified()) != null
                : single(c, "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?",
                        table.schema(), table.name()) != null;
    }

    private static String single(Connection c, String sql, String... params) throws SQLException {
        List<String> rows = list(c, sql, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static List<String> list(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1) != null) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing a catalog connection failed: {}", e.getMessage());
            }
        }
    }
}
