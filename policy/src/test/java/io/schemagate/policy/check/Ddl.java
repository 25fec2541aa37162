package io.schemagate.policy.check;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.ColumnPosition;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.Expression;
import io.schemagate.policy.ddl.OnlineDdlOptions;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.Volatility;

import java.util.Arrays;
import java.util.List;

/** Builders for typed operations and statements in tests, standing in for the analysers. */
public final class Ddl {

    public static final TableRef T = TableRef.of("accounts");
    public static final TableRef PARENT = TableRef.of("owners");

    private Ddl() {
    }

    public static AnalyzedStatement pg(Operation... ops) {
        return stmt(Dialect.POSTGRESQL, OnlineDdlOptions.NONE, "-- constructed", ops);
    }

    public static AnalyzedStatement my(Operation... ops) {
        return stmt(Dialect.MYSQL, OnlineDdlOptions.NONE, "-- constructed", ops);
    }

    public static AnalyzedStatement my(OnlineDdlOptions options, Operation... ops) {
        return stmt(Dialect.MYSQL, options, "-- constructed", ops);
    }

    public static AnalyzedStatement stmt(Dialect d, OnlineDdlOptions options, String sql, Operation... ops) {
        return new AnalyzedStatement(sql, 0, 1, d, StatementClass.DDL, Arrays.asList(ops), options, null);
    }

    public static AnalyzedStatement other(Dialect d, StatementClass cls, String sql) {
        return new AnalyzedStatement(sql, 0, 1, d, cls, List.of(), null,
                cls == StatementClass.UNKNOWN || cls == StatementClass.OPAQUE ? "test" : null);
    }

    public static Expression literal(String sql) {
        return new Expression(sql, Volatility.IMMUTABLE, List.of());
    }

    public static Expression call(String sql, Volatility v, String... functions) {
        return new Expression(sql, v, List.of(functions));
    }

    public static ColumnDef column(String name, String type) {
        return new ColumnDef(name, type, false, null, List.of(), null, false, null);
    }

    public static ColumnDef column(String name, String type, boolean notNull, Expression def,
                                   ConstraintDef... constraints) {
        return new ColumnDef(name, type, notNull, def, List.of(constraints), null, false, null);
    }

    public static Operation.AddColumn addColumn(ColumnDef c) {
        return new Operation.AddColumn(T, c, false, ColumnPosition.DEFAULT);
    }

    public static Operation.AddColumn addColumn(ColumnDef c, ColumnPosition p) {
        return new Operation.AddColumn(T, c, false, p);
    }

    public static ConstraintDef check(String name, String condition, boolean notValid) {
        return new ConstraintDef(name, ConstraintKind.CHECK, List.of(), notValid, null, null, List.of(),
                literal(condition), true);
    }

    public static ConstraintDef foreignKey(String name, String column, boolean notValid) {
        return new ConstraintDef(name, ConstraintKind.FOREIGN_KEY, column == null ? List.of() : List.of(column),
                notValid, null, PARENT, List.of("id"), null, true);
    }

    public static ConstraintDef unique(String name, String... columns) {
        return new ConstraintDef(name, ConstraintKind.UNIQUE, List.of(columns), false, null, null, List.of(), null, true);
    }

    public static ConstraintDef primaryKey(String name, String... columns) {
        return new ConstraintDef(name, ConstraintKind.PRIMARY_KEY, List.of(columns), false, null, null, List.of(), null,
                true);
    }

    public static Operation.AddConstraint addConstraint(ConstraintDef c) {
        return new Operation.AddConstraint(T, c);
    }

    public static Operation.CreateIndex createIndex(String name, boolean concurrently, String... columns) {
        return new Operation.CreateIndex(T, name, List.of(columns), false, concurrently, false, null, false);
    }

    public static Operation.ModifyColumn modify(String column, String type, boolean notNull) {
        return new Operation.ModifyColumn(T, column, new ColumnDef(column, type, notNull, null, List.of(), null, false,
                null), ColumnPosition.DEFAULT);
    }
}
