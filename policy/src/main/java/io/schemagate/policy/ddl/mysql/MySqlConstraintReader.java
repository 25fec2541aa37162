package io.schemagate.policy.ddl.mysql;

import com.alibaba.druid.sql.ast.statement.SQLCheck;
import com.alibaba.druid.sql.ast.statement.SQLConstraint;
import com.alibaba.druid.sql.ast.statement.SQLForeignKeyImpl;
import com.alibaba.druid.sql.ast.statement.SQLPrimaryKey;
import com.alibaba.druid.sql.ast.statement.SQLUnique;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlKey;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlPrimaryKey;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlUnique;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.UnsupportedSyntaxException;

import java.util.List;

/** Reads table constraints (ADD CONSTRAINT / CREATE TABLE): PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK. */
final class MySqlConstraintReader {

    private MySqlConstraintReader() {
    }

    static ConstraintDef read(SQLConstraint c) {
        String name = c.getName() == null ? null : MySqlNames.name(c.getName());
        if (isPlainIndex(c)) {
            throw new UnsupportedSyntaxException("KEY / INDEX " + name + " is an index, not a constraint");
        }
        if (c instanceof SQLPrimaryKey && c instanceof SQLUnique u) {
            return new ConstraintDef(name, ConstraintKind.PRIMARY_KEY, MySqlNames.keyParts(u.getColumns()), false, null,
                    null, List.of(), null, true);
        }
        if (c instanceof SQLUnique u) {
            String indexName = u.getIndexDefinition() != null && u.getIndexDefinition().getName() != null
                    ? MySqlNames.name(u.getIndexDefinition().getName()) : null;
            return new ConstraintDef(name != null ? name : indexName, ConstraintKind.UNIQUE,
                    MySqlNames.keyParts(u.getColumns()), false, null, null, List.of(), null, true);
        }
        if (c instanceof SQLForeignKeyImpl fk) {
            return new ConstraintDef(name, ConstraintKind.FOREIGN_KEY, MySqlNames.names(fk.getReferencingColumns()), false,
                    null, MySqlNames.table(fk.getReferencedTableName()), MySqlNames.names(fk.getReferencedColumns()), null,
                    !fk.isNotEnforced());
        }
        if (c instanceof SQLCheck check) {
            boolean enforced = check.getEnforced() == null || check.getEnforced();
            return new ConstraintDef(name, ConstraintKind.CHECK, List.of(), false, null, null, List.of(),
                    MySqlExpressions.read(check.getExpr()), enforced);
        }
        throw new UnsupportedSyntaxException("constraint " + c.getClass().getSimpleName() + " is not modelled");
    }

    /** Druid models a plain {@code KEY k (c)} as a subclass of its UNIQUE node. */
    static boolean isPlainIndex(Object element) {
        return element instanceof MySqlKey && !(element instanceof MySqlUnique) && !(element instanceof MySqlPrimaryKey);
    }
}
