package io.schemagate.policy.rule;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.plan.Plan;
import io.schemagate.policy.plan.Step;

import java.time.Duration;
import java.util.List;

/** Hand-made analysed statements, so the engine is tested apart from the analysers. */
final class Statements {

    private Statements() {
    }

    static AnalyzedStatement ddl(String sql, Operation... ops) {
        return new AnalyzedStatement(sql, 0, 1, Dialect.POSTGRESQL, StatementClass.DDL, List.of(ops), null, null);
    }

    static AnalyzedStatement mysql(String sql, Operation... ops) {
        return new AnalyzedStatement(sql, 0, 1, Dialect.MYSQL, StatementClass.DDL, List.of(ops), null, null);
    }

    static AnalyzedStatement opaque(String sql) {
        return new AnalyzedStatement(sql, 0, 1, Dialect.POSTGRESQL, StatementClass.OPAQUE, List.of(), null, "DO block");
    }

    static AnalyzedStatement unknown(String sql) {
        return new AnalyzedStatement(sql, 0, 1, Dialect.POSTGRESQL, StatementClass.UNKNOWN, List.of(), null,
                "syntax error at or near \"FROB\"");
    }

    static TableRef t(String qualified) {
        int dot = qualified.indexOf('.');
        return dot < 0 ? TableRef.of(qualified) : new TableRef(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    static Operation addColumn(String table, String column) {
        return new Operation.AddColumn(t(table), new ColumnDef(column, "text", false, null, List.of(), null, false, null),
                false, null);
    }

    static Operation dropColumn(String table, String column) {
        return new Operation.DropColumn(t(table), column, false, false);
    }

    static Operation dropTable(String table) {
        return new Operation.DropTable(t(table), false, false);
    }

    static Finding finding(String id) {
        return new Finding(id, id + " found", "do something else", null);
    }

    static Plan plan(String table) {
        return new Plan(t(table), "staged", List.of(new Step.Sql("build the index without blocking writes",
                Step.Where.IN_BAND, "CREATE INDEX CONCURRENTLY i ON " + table + " (a)", true, Duration.ofSeconds(2), 3,
                null, "DROP INDEX CONCURRENTLY IF EXISTS i")));
    }
}
