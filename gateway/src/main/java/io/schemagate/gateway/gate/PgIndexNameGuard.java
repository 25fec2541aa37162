package io.schemagate.gateway.gate;

import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.rule.Judge;

import java.util.List;

/**
 * What runs on the client's PostgreSQL connection in place of a staged {@code CREATE INDEX name}
 * (written without IF NOT EXISTS), whose build runs later as {@code CREATE INDEX CONCURRENTLY IF NOT
 * EXISTS} so a retried or resumed build carries on. Sent straight, the statement fails with 42P07
 * when a relation of that name exists in the table's schema; the background build would instead skip
 * it and report success. So the in-place step fails the same way, and the build is discarded.
 */
final class PgIndexNameGuard {

    private PgIndexNameGuard() {
    }

    /** The check for the judged statement, or null when it is not a named CREATE INDEX without IF NOT EXISTS. */
    static String of(Judge.Judgement judgement) {
        List<Operation> ops = judgement.statement().operations();
        if (ops.size() != 1 || !(ops.get(0) instanceof Operation.CreateIndex idx) || idx.name() == null
                || idx.ifNotExists() || idx.table() == null) {
            return null;
        }
        // Names from the analyser are as PostgreSQL stores them (unquoted ones already folded).
        String name = Predicates.unquote(idx.name());
        return "DO $schemagate_guard$ BEGIN IF EXISTS (SELECT 1 FROM pg_class WHERE relname = " + literal(name)
                + " AND relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = " + literal(table(idx.table()))
                + "::regclass)) THEN RAISE EXCEPTION 'relation \"%\" already exists', " + literal(name)
                + " USING ERRCODE = 'duplicate_table'; END IF; END $schemagate_guard$";
    }

    private static String table(TableRef t) {
        return t.schema() == null ? quoted(t.name()) : quoted(t.schema()) + "." + quoted(t.name());
    }

    private static String quoted(String identifier) {
        return '"' + Predicates.unquote(identifier).replace("\"", "\"\"") + '"';
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
