package io.schemagate.policy.check;

import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.Volatility;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Facts about the live database that sharpen a judgement. Every method may answer "don't know"
 * (an empty optional); checks then take the conservative answer. The engine works with
 * {@link #NONE} (linting files in CI) and better with a catalog backed by the real server.
 * Implementations answer from memory: the gateway loads what a statement needs before judging it,
 * so these calls never block on I/O.
 */
public interface Catalog {

    Catalog NONE = new Catalog() {
    };

    /** The server's flavour and version. */
    default Optional<ServerVersion> serverVersion() {
        return Optional.empty();
    }

    /** Estimated row count ({@code pg_class.reltuples}, {@code information_schema.TABLES.TABLE_ROWS}). */
    default OptionalLong estimatedRows(TableRef table) {
        return OptionalLong.empty();
    }

    /** Primary-key columns in key order; empty list when the table has none. */
    default Optional<List<String>> primaryKey(TableRef table) {
        return Optional.empty();
    }

    /** Whether the table exists (so a statement creating it earlier in the batch can be told apart). */
    default Optional<Boolean> tableExists(TableRef table) {
        return Optional.empty();
    }

    /** Names of validated CHECK constraints of the form {@code col IS NOT NULL} on this column. */
    default Optional<List<String>> validNotNullChecks(TableRef table, String column) {
        return Optional.empty();
    }

    /** The column's type as the server reports it ({@code character varying(20)}, {@code int}). */
    default Optional<String> columnType(TableRef table, String column) {
        return Optional.empty();
    }

    /** Whether an index covers the column (MySQL INSTANT DROP and PostgreSQL citext rules depend on it). */
    default Optional<Boolean> columnIndexed(TableRef table, String column) {
        return Optional.empty();
    }

    /** PostgreSQL {@code pg_proc.provolatile} of a function by name (the most volatile overload). */
    default Optional<Volatility> functionVolatility(String functionName) {
        return Optional.empty();
    }

    /**
     * MySQL / MariaDB session {@code @@sql_mode}. Making a column NOT NULL is only safe under a strict
     * mode (STRICT_TRANS_TABLES or STRICT_ALL_TABLES); otherwise NULLs are silently coerced.
     */
    default Optional<String> mysqlSqlMode() {
        return Optional.empty();
    }

    /** MySQL / MariaDB facts that decide INSTANT eligibility. */
    default Optional<MySqlTableFacts> mysqlTableFacts(TableRef table) {
        return Optional.empty();
    }

    /**
     * @param rowFormat          InnoDB ROW_FORMAT (COMPACT, DYNAMIC, REDUNDANT, COMPRESSED)
     * @param hasFulltextIndex   a FULLTEXT index exists
     * @param partitioned        the table is partitioned
     * @param columnCount        current number of columns
     * @param totalRowVersions   MySQL 8.0.29+ {@code INNODB_TABLES.TOTAL_ROW_VERSIONS}, -1 when unknown
     * @param defaultCharset     the table's default character set
     */
    record MySqlTableFacts(String rowFormat, boolean hasFulltextIndex, boolean partitioned, int columnCount,
                           int totalRowVersions, String defaultCharset) {
    }
}
