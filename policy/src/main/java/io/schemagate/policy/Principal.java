package io.schemagate.policy;

/**
 * Who sent a statement, as far as the gateway can tell: what the policy matches on and what the
 * audit log records. Fields the gateway does not know are null, never empty strings.
 *
 * @param user            the database user from the startup packet / handshake response
 * @param database        the database the session is connected to (or the current schema in MySQL)
 * @param clientAddress   the client's IP address as the gateway saw it
 * @param applicationName PostgreSQL {@code application_name} or the MySQL {@code program_name} attribute
 * @param tlsIdentity     the subject of the client certificate when mutual TLS was used
 */
public record Principal(String user, String database, String clientAddress, String applicationName,
                        String tlsIdentity) {
}
