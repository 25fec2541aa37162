package io.schemagate.policy.ddl.mysql;

import io.schemagate.policy.ddl.OnlineDdlOptions;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.StatementClass;

import java.util.List;

/** What {@link MySqlStatementReader} made of one parsed statement. */
record MySqlReading(StatementClass statementClass, List<Operation> operations, OnlineDdlOptions online, String reason) {

    static MySqlReading of(StatementClass c) {
        return new MySqlReading(c, List.of(), OnlineDdlOptions.NONE, null);
    }

    static MySqlReading ddl(List<Operation> ops, OnlineDdlOptions online) {
        return new MySqlReading(StatementClass.DDL, ops, online, null);
    }

    static MySqlReading ddl(Operation op) {
        return new MySqlReading(StatementClass.DDL, List.of(op), OnlineDdlOptions.NONE, null);
    }

    static MySqlReading opaque(String reason) {
        return new MySqlReading(StatementClass.OPAQUE, List.of(), OnlineDdlOptions.NONE, reason);
    }

    static MySqlReading unknown(String reason) {
        return new MySqlReading(StatementClass.UNKNOWN, List.of(), OnlineDdlOptions.NONE, reason);
    }
}
