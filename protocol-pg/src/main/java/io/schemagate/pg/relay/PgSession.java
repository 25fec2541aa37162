package io.schemagate.pg.relay;

import io.schemagate.pg.message.backend.BackendKeyData;
import io.schemagate.pg.message.backend.TransactionStatus;
import io.schemagate.pg.message.frontend.StartupMessage;
import io.schemagate.policy.Principal;

/**
 * What the relay knows about one client connection. Written on the connection's event loop, readable
 * from any thread (admin API, tests).
 */
public final class PgSession {

    private final String id;
    private final String clientAddress;
    private final StartupMessage startup;
    private final boolean clientTls;
    private final String tlsIdentity;
    private volatile BackendKeyData backendKey;
    private volatile TransactionStatus txStatus = TransactionStatus.IDLE;
    private volatile boolean ready;

    /**
     * @param id            the listener's id for the client connection
     * @param clientAddress the client's IP address
     * @param startup       the client's StartupMessage
     * @param clientTls     whether the client's connection is TLS
     * @param tlsIdentity   the subject of the client's certificate (mutual TLS), or null
     */
    public PgSession(String id, String clientAddress, StartupMessage startup, boolean clientTls, String tlsIdentity) {
        this.id = id;
        this.clientAddress = clientAddress;
        this.startup = startup;
        this.clientTls = clientTls;
        this.tlsIdentity = tlsIdentity;
    }

    /** The listener's id for the client connection, as used in logs. */
    public String id() {
        return id;
    }

    public StartupMessage startup() {
        return startup;
    }

    public boolean clientTls() {
        return clientTls;
    }

    /** The server's own key for this session; null until the server sent BackendKeyData. */
    public BackendKeyData backendKey() {
        return backendKey;
    }

    /** The status from the last ReadyForQuery the server sent; IDLE before the first. */
    public TransactionStatus txStatus() {
        return txStatus;
    }

    /** Whether the server has sent its first ReadyForQuery (authentication is over). */
    public boolean ready() {
        return ready;
    }

    public Principal principal() {
        String user = startup.parameter("user");
        String database = startup.parameter("database");
        return new Principal(user, database == null ? user : database, clientAddress,
                startup.parameter("application_name"), tlsIdentity);
    }

    void backendKey(BackendKeyData key) {
        this.backendKey = key;
    }

    void readyForQuery(TransactionStatus status) {
        this.txStatus = status;
        this.ready = true;
    }

    @Override
    public String toString() {
        return "PgSession[" + id + " " + clientAddress + " user=" + startup.parameter("user") + " tx=" + txStatus + "]";
    }
}
