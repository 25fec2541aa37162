package io.schemagate.policy.ddl.mysql;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropViewStatement;
import com.alibaba.druid.sql.ast.statement.SQLTruncateStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlOptimizeStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.ddl.UnsupportedSyntaxException;

import java.util.Map;
import java.util.Set;

/**
 * Classifies one statement parsed by Druid by its node class and hands DDL to the reader for it. A node
 * class not listed here is UNKNOWN.
 */
final class MySqlStatementReader {

    private static final Set<String> NOT_DDL = Set.of("SQLSelectStatement", "MySqlInsertStatement",
            "SQLInsertStatement", "MySqlUpdateStatement", "SQLUpdateStatement", "MySqlDeleteStatement",
            "SQLDeleteStatement", "SQLReplaceStatement", "MySqlExplainStatement", "SQLExplainStatement",
            "SQLUseStatement", "MySqlLockTableStatement", "MySqlUnlockTablesStatement",
            "MysqlDeallocatePrepareStatement", "MySqlLoadDataInFileStatement", "MySqlLoadXmlStatement",
            "MySqlKillStatement", "MySqlCheckTableStatement", "MySqlChecksumTableStatement", "MySqlHelpStatement",
            "SQLDescribeStatement", "MySqlFlushStatement", "SQLValuesQuery");
    private static final Set<String> TRANSACTION = Set.of("SQLBeginStatement", "SQLStartTransactionStatement",
            "SQLCommitStatement", "SQLRollbackStatement", "SQLSavePointStatement", "SQLReleaseSavePointStatement",
            "MySqlXAStatement");
    private static final Set<String> SESSION = Set.of("SQLSetStatement", "MySqlSetTransactionStatement",
            "MySqlSetNamesStatement", "MySqlSetCharSetStatement");
    private static final Set<String> OPAQUE = Set.of("MySqlPrepareStatement", "MySqlExecuteStatement",
            "SQLCallStatement", "MySqlExecuteForAdsStatement");

    /** Understood DDL that changes no existing table's data. */
    private static final Map<String, String> OTHER_DDL = Map.ofEntries(
            Map.entry("SQLCreateViewStatement", "create-view"), Map.entry("SQLAlterViewStatement", "alter-view"),
            Map.entry("SQLCreateDatabaseStatement", "create-database"), Map.entry("SQLAlterDatabaseStatement", "alter-database"),
            Map.entry("SQLGrantStatement", "grant"), Map.entry("SQLRevokeStatement", "revoke"),
            Map.entry("MySqlAnalyzeStatement", "analyze"), Map.entry("SQLCreateProcedureStatement", "create-procedure"),
            Map.entry("SQLCreateFunctionStatement", "create-function"), Map.entry("SQLCreateTriggerStatement", "create-trigger"),
            Map.entry("SQLDropProcedureStatement", "drop-procedure"), Map.entry("SQLDropFunctionStatement", "drop-function"),
            Map.entry("SQLDropTriggerStatement", "drop-trigger"), Map.entry("MySqlCreateUserStatement", "create-user"),
            Map.entry("SQLDropUserStatement", "drop-user"), Map.entry("MySqlCreateEventStatement", "create-event"),
            Map.entry("MySqlAlterEventStatement", "alter-event"), Map.entry("SQLDropEventStatement", "drop-event"),
            Map.entry("SQLCreateSequenceStatement", "create-sequence"), Map.entry("MySqlAlterUserStatement", "alter-user"),
            Map.entry("SQLCommentStatement", "comment"));

    private MySqlStatementReader() {
    }

    static MySqlReading read(SQLStatement stmt, ServerVersion version) {
        String type = stmt.getClass().getSimpleName();
        if (NOT_DDL.contains(type) || type.startsWith("MySqlShow") || type.startsWith("SQLShow")) {
            return MySqlReading.of(StatementClass.NOT_DDL);
        }
        if (TRANSACTION.contains(type)) {
            return MySqlReading.of(StatementClass.TRANSACTION_CONTROL);
        }
        if (SESSION.contains(type)) {
            return MySqlReading.of(StatementClass.SESSION);
        }
        if (OPAQUE.contains(type)) {
            return MySqlReading.opaque(switch (type) {
                case "SQLCallStatement" -> "CALL runs a stored procedure whose statements cannot be seen from its text";
                case "MySqlExecuteStatement" -> "EXECUTE runs a prepared statement whose text was given earlier";
                default -> "PREPARE takes its statement from a string or variable the analyser does not read";
            });
        }
        String other = OTHER_DDL.get(type);
        if (other != null) {
            return MySqlReading.ddl(new Operation.OtherDdl(null, other));
        }
        try {
            return ddl(stmt, version, type);
        } catch (UnsupportedSyntaxException e) {
            return MySqlReading.unknown(e.getMessage());
        }
    }

    private static MySqlReading ddl(SQLStatement stmt, ServerVersion version, String type) {
        if (stmt instanceof SQLAlterTableStatement s) {
            MySqlAlterTableReader.Result r = MySqlAlterTableReader.read(s, version);
            return MySqlReading.ddl(r.operations(), r.online());
        }
        if (stmt instanceof SQLCreateIndexStatement s) {
            return MySqlObjectReaders.createIndex(s, version);
        }
        if (stmt instanceof SQLDropIndexStatement s) {
            return MySqlObjectReaders.dropIndex(s, version);
        }
        if (stmt instanceof MySqlRenameTableStatement s) {
            return MySqlReading.ddl(MySqlObjectReaders.renameTables(s), null);
        }
        if (stmt instanceof SQLTruncateStatement s) {
            return MySqlReading.ddl(MySqlObjectReaders.truncate(s), null);
        }
        if (stmt instanceof SQLDropTableStatement s) {
            return MySqlReading.ddl(MySqlObjectReaders.dropTables(s), null);
        }
        if (stmt instanceof MySqlOptimizeStatement s) {
            return MySqlReading.ddl(MySqlObjectReaders.optimize(s), null);
        }
        if (stmt instanceof SQLCreateTableStatement s) {
            return MySqlReading.ddl(MySqlObjectReaders.createTable(s), null);
        }
        if (stmt instanceof SQLDropViewStatement s) {
            return MySqlReading.ddl(new Operation.DropObject("view", s.getTableSources().toString(), s.isIfExists(), false));
        }
        if (stmt instanceof SQLDropDatabaseStatement s) {
            return MySqlReading.ddl(new Operation.DropObject("database", MySqlNames.name(s.getDatabase()), s.isIfExists(), false));
        }
        return MySqlReading.unknown("MySQL statement type " + type + " is not modelled");
    }
}
