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
 */
public record StateConfig(
        @JsonProperty("store") Store store,
        @JsonProperty("dir") String dir,
        @JsonProperty("approval_ttl") Duration approvalTtl) {

    public static final StateConfig DEFAULT = new StateConfig(Store.FILE, "state", Duration.ofHours(24));

    public StateConfig {
        store = store == null ? Store.FILE : store;
        dir = dir == null ? "state" : dir;
        approvalTtl = approvalTtl == null ? Duration.ofHours(24) : approvalTtl;
        if (approvalTtl.isNegative() || approvalTtl.isZero()) {
            throw new ConfigException("state.approval_ttl must be positive, e.g. PT24H");
        }
    }

    /** The kinds of state store. */
    public enum Store {
        @JsonProperty("file") FILE,
        @JsonProperty("postgres") POSTGRES
    }
}
