package io.schemagate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;

/**
 * Where change requests and migrations are kept.
 *
 * @param store          {@code file} (default: local files under {@code dir}) or {@code postgres}
 *                       (tables shared by several gateways)
 * @param dir            directory for the file store (default {@code state})
 * @param approvalTtl    how long a held change request, or an unused approval, stays valid (default PT24H)
 * @param postgres       the shared database for {@code store: postgres}
 */
public record StateConfig(
        @JsonProperty("store") Store store,
        @JsonProperty("dir") String dir,
        @JsonProperty("approval_ttl") Duration approvalTtl,
        @JsonProperty("postgres") SharedDatabase postgres) {

    public static final StateConfig DEFAULT = new StateConfig(Store.FILE, "state", Duration.ofHours(24), null);

    public StateConfig {
        store = store == null ? Store.FILE : store;
        dir = dir == null ? "state" : dir;
        approvalTtl = approvalTtl == null ? Duration.ofHours(24) : approvalTtl;
        if (approvalTtl.isNegative() || approvalTtl.isZero()) {
            throw new ConfigException("state.approval_ttl must be positive, e.g. PT24H");
        }
        if (store == Store.POSTGRES && (postgres == null || postgres.url() == null)) {
            throw new ConfigException("state.store: postgres needs state.postgres.url, e.g. jdbc:postgresql://db:5432/schemagate");
        }
    }

    /**
     * The PostgreSQL database several gateways share their state in.
     *
     * @param url          JDBC URL
     * @param user         database user
     * @param passwordEnv  environment variable holding the password, or null
     * @param passwordFile file holding the password, or null
     */
    public record SharedDatabase(
            @JsonProperty("url") String url,
            @JsonProperty("user") String user,
            @JsonProperty("password_env") String passwordEnv,
            @JsonProperty("password_file") String passwordFile) {

        public ServiceAccount account() {
            return new ServiceAccount(user, passwordEnv, passwordFile);
        }
    }

    /** The kinds of state store. */
    public enum Store {
        @JsonProperty("file") FILE,
        @JsonProperty("postgres") POSTGRES
    }
}
