package io.schemagate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The gateway's configuration file ({@code schemagate.yaml}). Every section is optional; a missing
 * one takes the defaults of the product contract (PostgreSQL 127.0.0.1:6432 to 127.0.0.1:5432,
 * MySQL 127.0.0.1:6033 to 127.0.0.1:3306, admin HTTP 127.0.0.1:9600, the built-in policy).
 *
 * @param postgres the PostgreSQL listener
 * @param mysql    the MySQL listener
 * @param admin    the admin HTTP listener
 * @param policy   path of the policy file, or null for the built-in default policy
 * @param audit    the audit log
 * @param id       this gateway's name in audit records and logs (default: host name)
 * @param state    where change requests and migrations are kept
 * @param executor how staged migrations run in the background
 */
public record GatewayConfig(
        @JsonProperty("postgres") ListenerConfig postgres,
        @JsonProperty("mysql") ListenerConfig mysql,
        @JsonProperty("admin") AdminConfig admin,
        @JsonProperty("policy") String policy,
        @JsonProperty("audit") AuditConfig audit,
        @JsonProperty("id") String id,
        @JsonProperty("state") StateConfig state,
        @JsonProperty("executor") ExecutorConfig executor) {

    public GatewayConfig {
        postgres = postgres == null ? ListenerConfig.defaultPostgres() : postgres.withDefaults(ListenerConfig.defaultPostgres());
        mysql = mysql == null ? ListenerConfig.defaultMysql() : mysql.withDefaults(ListenerConfig.defaultMysql());
        admin = admin == null ? AdminConfig.DEFAULT : admin.withDefaults();
        audit = audit == null ? AuditConfig.DEFAULT : audit;
        state = state == null ? StateConfig.DEFAULT : state;
        executor = executor == null ? ExecutorConfig.DEFAULT : executor;
        id = id == null || id.isBlank() ? defaultId() : id;
    }

    private static String defaultId() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "schemagate";
        }
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig(null, null, null, null, null, null, null, null);
    }
}
