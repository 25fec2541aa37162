package io.schemagate.gateway.gate;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.gate.GateRequest;
import io.schemagate.policy.gate.StatementListener;
import io.schemagate.policy.rule.Judge;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tables each PostgreSQL connection created in its still open transaction. Until that transaction
 * commits no other session can see them (PostgreSQL's transactional DDL), so an index, a primary key
 * or a NOT NULL column added to them blocks nobody and is judged as on a new table. This is what
 * migration tools do: Flyway creates flyway_schema_history, adds its primary key and an index in one
 * transaction. MySQL commits before and after every DDL statement, so it has no such tables.
 */
final class TablesInOpenTransactions {

    private final Map<String, Set<TableRef>> byConnection = new ConcurrentHashMap<>();

    /** The tables to judge the request's statements as new on: only inside the transaction that made them. */
    Set<TableRef> of(GateRequest req) {
        if (req.dialect() != Dialect.POSTGRESQL || req.connectionId() == null || !req.inTransactionBlock()) {
            return Set.of();
        }
        Set<TableRef> tables = byConnection.get(req.connectionId());
        return tables == null ? Set.of() : Set.copyOf(tables);
    }

    /**
     * A listener that remembers the tables the request creates once the server has run it inside a
     * transaction block, and forgets them when that transaction ends (commit, rollback or the
     * connection closing); null when the request creates no table.
     */
    StatementListener watch(GateRequest req, List<Judge.Judgement> judgements) {
        if (req.dialect() != Dialect.POSTGRESQL || req.connectionId() == null) {
            return null;
        }
        Set<TableRef> created = new HashSet<>();
        for (Judge.Judgement j : judgements) {
            for (Operation op : j.statement().operations()) {
                if (op instanceof Operation.CreateTable ct) {
                    created.add(ct.table());
                }
            }
        }
        if (created.isEmpty()) {
            return null;
        }
        String connection = req.connectionId();
        return new StatementListener() {
            @Override
            public void completed(boolean ok, boolean inTransactionBlock) {
                if (ok && inTransactionBlock) {
                    byConnection.computeIfAbsent(connection, c -> ConcurrentHashMap.newKeySet()).addAll(created);
                }
            }

            @Override
            public void transactionEnded(boolean committed) {
                byConnection.remove(connection);
            }
        };
    }
}
