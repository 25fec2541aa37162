package io.schemagate.policy.ddl.mysql;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddConstraint;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAlterIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableConvertCharSet;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDisableKeys;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropCheck;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropColumnItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropConstraint;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropForeignKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropPrimaryKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableEnableKeys;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRename;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRenameColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRenameIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLAssignItem;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableAlgorithm;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableAlterColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableChangeColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableForce;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableLock;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableModifyColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableOrderBy;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.UnsupportedSyntaxException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a MySQL {@code ALTER TABLE}: one operation per item, plus the statement-wide ALGORITHM / LOCK
 * (checked by {@link MySqlOnlineOptions}) and table options ({@code ENGINE=}, {@code ROW_FORMAT=} ...).
 */
final class MySqlAlterTableReader {

    /** Operations plus the statement's online-DDL clauses. */
    record Result(List<Operation> operations, io.schemagate.policy.ddl.OnlineDdlOptions online) {
    }

    private MySqlAlterTableReader() {
    }

    /** Throws {@link UnsupportedSyntaxException} when the statement as a whole cannot be judged (bad ALGORITHM / LOCK). */
    static Result read(SQLAlterTableStatement stmt, ServerVersion version) {
        TableRef table = MySqlNames.table(stmt.getName());
        MySqlOnlineOptions online = new MySqlOnlineOptions(version);
        List<Operation> ops = new ArrayList<>();
        if (stmt.isIgnore()) {
            // ALTER IGNORE TABLE (MariaDB) silently deletes rows that violate a new unique key.
            ops.add(new Operation.Unknown(table, "ALTER IGNORE TABLE deletes duplicate rows and is not modelled"));
        }
        if (stmt.getPartition() != null || stmt.isRemovePatiting() || stmt.isUpgradePatiting()) {
            ops.add(new Operation.Unknown(table, "re-partitioning a table is not modelled"));
        }
        for (SQLAlterTableItem item : stmt.getItems()) {
            if (item instanceof MySqlAlterTableAlgorithm a) {
                online.algorithm(text(a.getAlgorithmType()));
            } else if (item instanceof MySqlAlterTableLock l) {
                online.lock(text(l.getLockType()));
            } else {
                try {
                    item(table, item, ops);
                } catch (UnsupportedSyntaxException e) {
                    ops.add(new Operation.Unknown(table, e.getMessage()));
                }
            }
        }
        for (SQLAssignItem option : stmt.getTableOptions()) {
            String name = text(option.getTarget()).toLowerCase(Locale.ROOT);
            switch (name) {
                case "algorithm" -> online.algorithm(text(option.getValue()));
                case "lock" -> online.lock(text(option.getValue()));
                default -> ops.add(new Operation.TableOption(table, name.replace(' ', '_'), text(option.getValue())));
            }
        }
        if (ops.isEmpty() && online.result() == io.schemagate.policy.ddl.OnlineDdlOptions.NONE) {
            ops.add(new Operation.Unknown(table, "ALTER TABLE without any change the analyser recognises"));
        }
        return new Result(ops, online.result());
    }

    private static void item(TableRef table, SQLAlterTableItem item, List<Operation> ops) {
        if (item instanceof SQLAlterTableAddColumn add) {
            var position = MySqlColumnReader.position(add.isFirst(), add.getFirstColumn(), add.getAfterColumn());
            for (SQLColumnDefinition c : add.getColumns()) {
                ops.add(new Operation.AddColumn(table, MySqlColumnReader.read(c), add.isIfNotExists(), position));
            }
        } else if (item instanceof MySqlAlterTableModifyColumn m) {
            var def = MySqlColumnReader.read(m.getNewColumnDefinition());
            ops.add(new Operation.ModifyColumn(table, def.name(), def,
                    MySqlColumnReader.position(m.isFirst(), m.getFirstColumn(), m.getAfterColumn())));
        } else if (item instanceof MySqlAlterTableChangeColumn c) {
            var def = MySqlColumnReader.read(c.getNewColumnDefinition());
            ops.add(new Operation.ModifyColumn(table, MySqlNames.name(c.getColumnName()), def,
                    MySqlColumnReader.position(c.isFirst(), c.getFirstColumn(), c.getAfterColumn())));
        } else if (item instanceof MySqlAlterTableAlterColumn a) {
            ops.add(alterColumn(table, a));
        } else if (item instanceof SQLAlterTableDropColumnItem d) {
            for (var column : d.getColumns()) {
                ops.add(new Operation.DropColumn(table, MySqlNames.name(column), d.isIfExists(), d.isCascade()));
            }
        } else if (item instanceof SQLAlterTableAddIndex i) {
            String type = i.getType();
            ops.add(new Operation.CreateIndex(table, MySqlNames.name(i.getName()), MySqlNames.keyParts(i.getColumns()),
                    i.isUnique(), false, false, type != null ? type.toLowerCase(Locale.ROOT)
                    : i.getUsing() == null ? null : i.getUsing().toLowerCase(Locale.ROOT), false));
        } else if (item instanceof SQLAlterTableAddConstraint c) {
            ops.add(new Operation.AddConstraint(table, MySqlConstraintReader.read(c.getConstraint())));
        } else if (item instanceof SQLAlterTableDropPrimaryKey) {
            ops.add(new Operation.DropConstraint(table, "PRIMARY", ConstraintKind.PRIMARY_KEY, false));
        } else if (item instanceof SQLAlterTableDropForeignKey fk) {
            ops.add(new Operation.DropConstraint(table, MySqlNames.name(fk.getIndexName()), ConstraintKind.FOREIGN_KEY, false));
        } else if (item instanceof SQLAlterTableDropCheck ck) {
            ops.add(new Operation.DropConstraint(table, MySqlNames.name(ck.getCheckName()), ConstraintKind.CHECK, ck.isIfExists()));
        } else if (item instanceof SQLAlterTableDropConstraint dc) {
            ops.add(new Operation.DropConstraint(table, MySqlNames.name(dc.getConstraintName()), null, dc.isIfExists()));
        } else if (item instanceof SQLAlterTableDropIndex di) {
            ops.add(new Operation.DropIndex(table, MySqlNames.name(di.getIndexName()), false, false));
        } else if (item instanceof SQLAlterTableDropKey dk) {
            ops.add(new Operation.DropIndex(table, MySqlNames.name(dk.getKeyName()), false, false));
        } else if (item instanceof SQLAlterTableRenameIndex ri) {
            ops.add(new Operation.RenameObject(table, "index", MySqlNames.name(ri.getName()), MySqlNames.name(ri.getTo())));
        } else if (item instanceof SQLAlterTableRenameColumn rc) {
            ops.add(new Operation.RenameColumn(table, MySqlNames.name(rc.getColumn()), MySqlNames.name(rc.getTo())));
        } else if (item instanceof SQLAlterTableRename r) {
            ops.add(new Operation.RenameTable(table, MySqlNames.table(r.getToName())));
        } else if (item instanceof SQLAlterTableConvertCharSet cs) {
            ops.add(new Operation.TableOption(table, "convert_charset", text(cs.getCharset())));
        } else if (item instanceof MySqlAlterTableForce) {
            ops.add(new Operation.TableOption(table, "force", null));
        } else if (item instanceof MySqlAlterTableOrderBy) {
            ops.add(new Operation.TableOption(table, "order_by", null));
        } else if (item instanceof SQLAlterTableAlterIndex) {
            ops.add(new Operation.OtherDdl(table, "alter-index-visibility"));
        } else if (item instanceof SQLAlterTableEnableKeys || item instanceof SQLAlterTableDisableKeys) {
            ops.add(new Operation.OtherDdl(table, "alter-table-keys"));
        } else {
            throw new UnsupportedSyntaxException("ALTER TABLE item " + item.getClass().getSimpleName() + " ("
                    + item.toString().trim() + ") is not modelled");
        }
    }

    private static Operation alterColumn(TableRef table, MySqlAlterTableAlterColumn a) {
        String column = MySqlNames.name(a.getColumn());
        if (a.isDropDefault()) {
            return new Operation.SetDefault(table, column, null);
        }
        if (a.getDefaultExpr() != null) {
            return new Operation.SetDefault(table, column, MySqlExpressions.read(a.getDefaultExpr()));
        }
        if (a.getVisibleType() != null) {
            return new Operation.OtherDdl(table, "alter-column-visibility");
        }
        throw new UnsupportedSyntaxException("ALTER COLUMN " + column + " form is not modelled");
    }

    static String text(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof SQLExpr e) {
            return MySqlNames.name(e);
        }
        return o.toString();
    }
}
