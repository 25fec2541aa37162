package io.schemagate.policy.ddl.mysql;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLDataType;
import com.alibaba.druid.sql.ast.SQLName;
import com.alibaba.druid.sql.ast.statement.SQLCharacterDataType;
import com.alibaba.druid.sql.ast.statement.SQLColumnCheck;
import com.alibaba.druid.sql.ast.statement.SQLColumnConstraint;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLColumnPrimaryKey;
import com.alibaba.druid.sql.ast.statement.SQLColumnReference;
import com.alibaba.druid.sql.ast.statement.SQLColumnUniqueKey;
import com.alibaba.druid.sql.ast.statement.SQLNotNullConstraint;
import com.alibaba.druid.sql.ast.statement.SQLNullConstraint;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.ColumnPosition;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.Expression;
import io.schemagate.policy.ddl.UnsupportedSyntaxException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a Druid {@link SQLColumnDefinition} (ADD / MODIFY / CHANGE / CREATE TABLE) into a {@link ColumnDef}. */
final class MySqlColumnReader {

    private MySqlColumnReader() {
    }

    static ColumnDef read(SQLColumnDefinition c) {
        String name = MySqlNames.name(c.getName());
        if (name == null) {
            throw new UnsupportedSyntaxException("column definition without a name");
        }
        SQLDataType dataType = c.getDataType();
        if (dataType == null) {
            throw new UnsupportedSyntaxException("column " + name + " has no data type");
        }
        boolean notNull = false;
        List<ConstraintDef> constraints = new ArrayList<>();
        for (SQLColumnConstraint k : c.getConstraints()) {
            String kName = k.getName() == null ? null : MySqlNames.name(k.getName());
            if (k instanceof SQLNotNullConstraint) {
                notNull = true;
            } else if (k instanceof SQLNullConstraint) {
                notNull = false;
            } else if (k instanceof SQLColumnPrimaryKey) {
                constraints.add(inline(kName, ConstraintKind.PRIMARY_KEY, name, null, List.of(), null, true));
            } else if (k instanceof SQLColumnUniqueKey) {
                constraints.add(inline(kName, ConstraintKind.UNIQUE, name, null, List.of(), null, true));
            } else if (k instanceof SQLColumnReference r) {
                constraints.add(inline(kName, ConstraintKind.FOREIGN_KEY, name, MySqlNames.table(r.getTable()),
                        MySqlNames.names(r.getColumns()), null, !r.isNotEnforced()));
            } else if (k instanceof SQLColumnCheck check) {
                boolean enforced = check.getEnforced() == null || check.getEnforced();
                constraints.add(new ConstraintDef(kName, ConstraintKind.CHECK, List.of(), false, null, null, List.of(),
                        MySqlExpressions.read(check.getExpr()), enforced));
            } else {
                throw new UnsupportedSyntaxException("column constraint " + k.getClass().getSimpleName() + " on "
                        + name + " is not modelled");
            }
        }
        Expression defaultValue = c.getDefaultExpr() == null ? null : MySqlExpressions.read(c.getDefaultExpr());
        ColumnDef.Generated generated = null;
        if (c.getGeneratedAlwaysAs() != null || c.getAsExpr() != null) {
            var expr = c.getGeneratedAlwaysAs() != null ? c.getGeneratedAlwaysAs() : c.getAsExpr();
            generated = new ColumnDef.Generated(MySqlExpressions.read(expr), c.isStored());
        }
        if (c.getIdentity() != null) {
            throw new UnsupportedSyntaxException("IDENTITY on column " + name + " is not MySQL syntax");
        }
        return new ColumnDef(name, typeText(dataType), notNull, defaultValue, constraints, generated,
                c.isAutoIncrement(), charset(c, dataType));
    }

    private static ConstraintDef inline(String name, ConstraintKind kind, String column,
                                        io.schemagate.policy.ddl.TableRef refTable, List<String> refColumns,
                                        Expression expression, boolean enforced) {
        return new ConstraintDef(name, kind, List.of(column), false, null, refTable, refColumns, expression, enforced);
    }

    /** The type as written, lower case, without the character set / collation Druid keeps on it. */
    static String typeText(SQLDataType t) {
        StringBuilder sb = new StringBuilder(t.getName().toLowerCase(Locale.ROOT));
        if (!t.getArguments().isEmpty()) {
            sb.append('(');
            for (int i = 0; i < t.getArguments().size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(SQLUtils.toMySqlString(t.getArguments().get(i)));
            }
            sb.append(')');
        }
        String text = SQLUtils.toMySqlString(t).toLowerCase(Locale.ROOT);
        if (text.contains("unsigned")) {
            sb.append(" unsigned");
        }
        if (text.contains("zerofill")) {
            sb.append(" zerofill");
        }
        return sb.toString();
    }

    private static String charset(SQLColumnDefinition c, SQLDataType t) {
        String charset = c.getCharsetExpr() == null ? null : MySqlNames.name(c.getCharsetExpr());
        String collate = c.getCollateExpr() == null ? null : MySqlNames.name(c.getCollateExpr());
        if (t instanceof SQLCharacterDataType ct) {
            charset = charset == null ? ct.getCharSetName() : charset;
            collate = collate == null ? ct.getCollate() : collate;
        }
        if (charset == null && collate == null) {
            return null;
        }
        return (charset == null ? "" : SQLUtils.normalize(charset).toLowerCase(Locale.ROOT))
                + (collate == null ? "" : " collate " + SQLUtils.normalize(collate).toLowerCase(Locale.ROOT));
    }

    /** FIRST / AFTER col of ADD, MODIFY or CHANGE. */
    static ColumnPosition position(boolean first, SQLName firstColumn, SQLName afterColumn) {
        if (first || firstColumn != null) {
            return new ColumnPosition(ColumnPosition.Kind.FIRST, null);
        }
        if (afterColumn != null) {
            return new ColumnPosition(ColumnPosition.Kind.AFTER, MySqlNames.name(afterColumn));
        }
        return ColumnPosition.DEFAULT;
    }
}
