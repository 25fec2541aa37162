package io.schemagate.policy.check;

import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.Volatility;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The live catalog as it will be after the earlier statements of the same batch: column types they
 * declared and NOT NULL checks they validated. Squawk does the same within a file: a VALIDATE of a
 * {@code CHECK (c IS NOT NULL)} earlier in the file makes a later {@code SET NOT NULL} scan-free.
 */
final class BatchCatalog implements Catalog {

    private final Catalog live;
    private final Map<String, String> columnTypes = new HashMap<>();
    private final Map<String, String> pendingNotNullChecks = new HashMap<>();
    private final Map<String, List<String>> validNotNullChecks = new HashMap<>();

    BatchCatalog(Catalog live) {
        this.live = live;
    }

    /** Learns what one operation of an executed statement changed. */
    void record(Operation op) {
        if (op instanceof Operation.CreateTable ct) {
            ct.columns().forEach(c -> columnType(ct.table(), c));
        } else if (op instanceof Operation.AddColumn add) {
            columnType(add.table(), add.column());
        } else if (op instanceof Operation.ModifyColumn m) {
            columnTypes.remove(key(m.table(), m.column()));
            columnType(m.table(), m.definition());
        } else if (op instanceof Operation.AlterColumnType alter) {
            columnTypes.put(key(alter.table(), alter.column()), alter.newType());
        } else if (op instanceof Operation.AddConstraint add && add.constraint().kind() == ConstraintKind.CHECK
                && add.constraint().name() != null && add.constraint().expression() != null) {
            Predicates.notNullCheckColumn(add.constraint().expression()).ifPresent(column -> {
                String k = key(add.table(), column);
                if (add.constraint().notValid()) {
                    pendingNotNullChecks.put(add.constraint().name(), k);
                } else {
                    validNotNullChecks.computeIfAbsent(k, x -> new ArrayList<>()).add(add.constraint().name());
                }
            });
        } else if (op instanceof Operation.ValidateConstraint v && pendingNotNullChecks.containsKey(v.name())) {
            validNotNullChecks.computeIfAbsent(pendingNotNullChecks.remove(v.name()), x -> new ArrayList<>())
                    .add(v.name());
        } else if (op instanceof Operation.DropConstraint drop) {
            validNotNullChecks.values().forEach(names -> names.remove(drop.name()));
        }
    }

    private void columnType(TableRef table, ColumnDef column) {
        if (column.type() != null) {
            columnTypes.put(key(table, column.name()), column.type());
        }
    }

    private static String key(TableRef table, String column) {
        return (table.name() + "." + Predicates.unquote(column)).toLowerCase(Locale.ROOT);
    }

    @Override
    public Optional<String> columnType(TableRef table, String column) {
        String known = columnTypes.get(key(table, column));
        return known != null ? Optional.of(known) : live.columnType(table, column);
    }

    @Override
    public Optional<List<String>> validNotNullChecks(TableRef table, String column) {
        List<String> known = validNotNullChecks.get(key(table, column));
        if (known != null && !known.isEmpty()) {
            return Optional.of(List.copyOf(known));
        }
        return live.validNotNullChecks(table, column);
    }

    @Override
    public Optional<ServerVersion> serverVersion() { return live.serverVersion(); }

    @Override
    public OptionalLong estimatedRows(TableRef table) { return live.estimatedRows(table); }

    @Override
    public Optional<List<String>> primaryKey(TableRef table) { return live.primaryKey(table); }

    @Override
    public Optional<Boolean> tableExists(TableRef table) { return live.tableExists(table); }

    @Override
    public Optional<Boolean> columnIndexed(TableRef table, String column) { return live.columnIndexed(table, column); }

    @Override
    public Optional<Volatility> functionVolatility(String functionName) { return live.functionVolatility(functionName); }

    @Override
    public Optional<String> mysqlSqlMode() { return live.mysqlSqlMode(); }

    @Override
    public Optional<MySqlTableFacts> mysqlTableFacts(TableRef table) { return live.mysqlTableFacts(table); }
}
