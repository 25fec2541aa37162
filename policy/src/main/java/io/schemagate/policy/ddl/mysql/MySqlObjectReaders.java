package io.schemagate.policy.ddl.mysql;

import com.alibaba.druid.sql.ast.SQLIndexOptions;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLConstraint;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLTableElement;
import com.alibaba.druid.sql.ast.statement.SQLTableLike;
import com.alibaba.druid.sql.ast.statement.SQLTruncateStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlOptimizeStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlTableIndex;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.UnsupportedSyntaxException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Readers for the MySQL statements other than ALTER TABLE. */
final class MySqlObjectReaders {

    private MySqlObjectReaders() {
    }

    static MySqlReading createIndex(SQLCreateIndexStatement s, ServerVersion version) {
        MySqlOnlineOptions online = new MySqlOnlineOptions(version);
        SQLIndexOptions options = s.getIndexDefinition() == null ? null : s.getIndexDefinition().getOptions();
        if (options != null && options.getAlgorithm() != null) {
            online.algorithm(options.getAlgorithm());
        }
        if (options != null && options.getLock() != null) {
            online.lock(options.getLock());
        }
        String type = s.getType() == null ? null : s.getType().toLowerCase(Locale.ROOT);
        boolean unique = "unique".equals(type);
        String method = unique ? (s.getUsing() == null ? null : s.getUsing().toLowerCase(Locale.ROOT))
                : type != null ? type : s.getUsing() == null ? null : s.getUsing().toLowerCase(Locale.ROOT);
        Operation op = new Operation.CreateIndex(MySqlNames.table(s.getTable()), MySqlNames.name(s.getName()),
                MySqlNames.keyParts(s.getItems()), unique, false, s.isIfNotExists(), method, false);
        return MySqlReading.ddl(List.of(op), online.result());
    }

    static MySqlReading dropIndex(SQLDropIndexStatement s, ServerVersion version) {
        MySqlOnlineOptions online = new MySqlOnlineOptions(version);
        if (s.getAlgorithm() != null) {
            online.algorithm(MySqlNames.name(s.getAlgorithm()));
        }
        if (s.getLockOption() != null) {
            online.lock(MySqlNames.name(s.getLockOption()));
        }
        TableRef table = s.getTableName() == null ? null : MySqlNames.table(s.getTableName());
        Operation op = new Operation.DropIndex(table, MySqlNames.name(s.getIndexName()), false, s.isIfExists());
        return MySqlReading.ddl(List.of(op), online.result());
    }

    static List<Operation> renameTables(MySqlRenameTableStatement s) {
        List<Operation> ops = new ArrayList<>();
        for (MySqlRenameTableStatement.Item item : s.getItems()) {
            ops.add(new Operation.RenameTable(MySqlNames.table(item.getName()), MySqlNames.table(item.getTo())));
        }
        return ops;
    }

    static List<Operation> truncate(SQLTruncateStatement s) {
        List<Operation> ops = new ArrayList<>();
        for (SQLExprTableSource t : s.getTableSources()) {
            ops.add(new Operation.Truncate(MySqlNames.table(t), false));
        }
        return ops;
    }

    static List<Operation> dropTables(SQLDropTableStatement s) {
        List<Operation> ops = new ArrayList<>();
        for (SQLExprTableSource t : s.getTableSources()) {
            ops.add(new Operation.DropTable(MySqlNames.table(t), s.isIfExists(), s.isCascade()));
        }
        return ops;
    }

    static List<Operation> optimize(MySqlOptimizeStatement s) {
        List<Operation> ops = new ArrayList<>();
        for (SQLExprTableSource t : s.getTableSources()) {
            ops.add(new Operation.TableRewrite(MySqlNames.table(t), "optimize"));
        }
        return ops;
    }

    /** CREATE TABLE: columns and constraints; plain / FULLTEXT / SPATIAL keys on a new table need no judging. */
    static List<Operation> createTable(SQLCreateTableStatement s) {
        TableRef table = MySqlNames.table(s.getName());
        List<ColumnDef> columns = new ArrayList<>();
        List<ConstraintDef> constraints = new ArrayList<>();
        for (SQLTableElement e : s.getTableElementList()) {
            if (e instanceof SQLColumnDefinition c) {
                columns.add(MySqlColumnReader.read(c));
            } else if (e instanceof MySqlTableIndex || MySqlConstraintReader.isPlainIndex(e) || e instanceof SQLTableLike) {
                // Indexes of a new table, or LIKE another table's definition: the new table is empty either way.
                continue;
            } else if (e instanceof SQLConstraint c) {
                constraints.add(MySqlConstraintReader.read(c));
            } else {
                throw new UnsupportedSyntaxException("CREATE TABLE element " + e.getClass().getSimpleName() + " is not modelled");
            }
        }
        boolean asSelect = s.getSelect() != null;
        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation.CreateTable(table, s.isIfNotExists(), s.isTemporary(), columns, constraints, asSelect));
        return ops;
    }
}
