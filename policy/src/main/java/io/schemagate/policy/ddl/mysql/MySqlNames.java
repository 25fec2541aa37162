package io.schemagate.policy.ddl.mysql;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLName;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem;
import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.UnsupportedSyntaxException;

import java.util.ArrayList;
import java.util.List;

/** Names out of Druid's tree, with MySQL backtick quoting removed. */
final class MySqlNames {

    private MySqlNames() {
    }

    static String name(SQLName n) {
        return n == null ? null : SQLUtils.normalize(n.getSimpleName());
    }

    static String name(SQLExpr e) {
        if (e == null) {
            return null;
        }
        if (e instanceof SQLName n) {
            return name(n);
        }
        return SQLUtils.normalize(e.toString());
    }

    static TableRef table(SQLExpr e) {
        if (e == null) {
            return null;
        }
        if (e instanceof SQLPropertyExpr p) {
            return new TableRef(SQLUtils.normalize(p.getOwnerName()), SQLUtils.normalize(p.getName()));
        }
        if (e instanceof SQLName n) {
            return TableRef.of(name(n));
        }
        throw new UnsupportedSyntaxException("table name " + e + " is not a plain name");
    }

    static TableRef table(SQLTableSource source) {
        if (source instanceof SQLExprTableSource t) {
            return table(t.getExpr());
        }
        throw new UnsupportedSyntaxException("table " + source + " is not a plain table");
    }

    static List<String> names(List<? extends SQLName> names) {
        List<String> out = new ArrayList<>();
        for (SQLName n : names) {
            out.add(name(n));
        }
        return out;
    }

    /** Index key parts: a column name, a prefix ({@code a(10)}) or an expression, as written. */
    static List<String> keyParts(List<SQLSelectOrderByItem> items) {
        List<String> out = new ArrayList<>();
        for (SQLSelectOrderByItem item : items) {
            SQLExpr e = item.getExpr();
            out.add(e instanceof SQLName n ? name(n) : SQLUtils.toMySqlString(e));
        }
        return out;
    }
}
