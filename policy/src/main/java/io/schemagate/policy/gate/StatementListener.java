package io.schemagate.policy.gate;

/**
 * Told what became of a statement the gate let through, so that work which must follow it (the
 * background stages of a staged plan) starts only once it has really happened. Protocol listeners
 * call it on their event loop and must not block there.
 */
public interface StatementListener {

    /**
     * The server has answered the forwarded statement.
     *
     * @param ok                 it succeeded (PG: no ErrorResponse before ReadyForQuery; MySQL: OK, not ERR)
     * @param inTransactionBlock the session is inside an explicit transaction afterwards (PG
     *                           ReadyForQuery 'T'; MySQL SERVER_STATUS_IN_TRANS)
     */
    void completed(boolean ok, boolean inTransactionBlock);

    /**
     * The transaction the statement ran in has ended; called only after {@link #completed} reported
     * {@code inTransactionBlock}. {@code committed} is false for a rollback (an explicit ROLLBACK, a
     * COMMIT of a failed transaction, or the connection closing).
     */
    void transactionEnded(boolean committed);

    /**
     * When not null, the client must not get its statement's answer (PG ReadyForQuery, MySQL OK)
     * before this plan has ended, if {@link #completed} reported success outside a transaction block.
     */
    default PlanWait planWait() {
        return null;
    }
}
