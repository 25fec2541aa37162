package io.schemagate.policy.ddl.pg;

import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.StatementClass;

import java.util.List;

/** What {@link PgStatementReader} made of one parsed statement. */
record PgReading(StatementClass statementClass, List<Operation> operations, String reason) {

    static PgReading of(StatementClass c) {
        return new PgReading(c, List.of(), null);
    }

    static PgReading ddl(List<Operation> ops) {
        return new PgReading(StatementClass.DDL, ops, null);
    }

    static PgReading ddl(Operation op) {
        return new PgReading(StatementClass.DDL, List.of(op), null);
    }

    static PgReading opaque(String reason) {
        return new PgReading(StatementClass.OPAQUE, List.of(), reason);
    }

    static PgReading unknown(String reason) {
        return new PgReading(StatementClass.UNKNOWN, List.of(), reason);
    }
}
