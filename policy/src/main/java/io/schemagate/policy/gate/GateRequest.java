package io.schemagate.policy.gate;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.Principal;

import java.util.Objects;

/**
 * A query string that the lexer found may contain DDL, handed by a protocol listener to the gate.
 *
 * @param dialect            the wire protocol it arrived on
 * @param principal          who sent it
 * @param sql                the whole query string (may hold several statements)
 * @param origin             which protocol message carried it
 * @param inTransactionBlock the session is inside an explicit transaction (PG ReadyForQuery 'T'/'E',
 *                           MySQL SERVER_STATUS_IN_TRANS)
 * @param connectionId       the listener's id for the client connection, for logs and audit records
 */
public record GateRequest(Dialect dialect, Principal principal, String sql, Origin origin,
                          boolean inTransactionBlock, String connectionId) {

    /** The protocol message a statement came in. */
    public enum Origin {
        /** PostgreSQL simple query 'Q'. */
        PG_QUERY,
        /** PostgreSQL extended query 'P' (Parse). */
        PG_PARSE,
        /** MySQL COM_QUERY. */
        MYSQL_COM_QUERY,
        /** MySQL COM_STMT_PREPARE. */
        MYSQL_COM_STMT_PREPARE
    }

    public GateRequest {
        Objects.requireNonNull(dialect, "dialect must not be null");
        Objects.requireNonNull(sql, "sql must not be null");
        Objects.requireNonNull(origin, "origin must not be null");
    }
}
