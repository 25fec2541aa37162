package io.schemagate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Locale;

/**
 * A person or system that may call the admin API. Only the SHA-256 of the bearer token is kept
 * ({@code printf %s "$TOKEN" | sha256sum}), so the configuration file holds no usable secret.
 *
 * @param name          the identity's name, recorded in the audit log for everything it does
 * @param tokenSha256   hex SHA-256 of its bearer token
 * @param databaseUsers database users that are this same person (they cannot approve their own changes)
 * @param groups        approver groups, in addition to those the policy file assigns
 */
public record IdentityConfig(
        @JsonProperty("name") String name,
        @JsonProperty("token_sha256") String tokenSha256,
        @JsonProperty("database_users") List<String> databaseUsers,
        @JsonProperty("groups") List<String> groups) {

    public IdentityConfig {
        if (name == null || name.isBlank()) {
            throw new ConfigException("admin.identities: every identity needs a name");
        }
        if (tokenSha256 == null || !tokenSha256.toLowerCase(Locale.ROOT).matches("[0-9a-f]{64}")) {
            throw new ConfigException("admin.identities[" + name + "].token_sha256 must be 64 hex digits: "
                    + "the SHA-256 of the token, e.g. from: printf %s \"$TOKEN\" | sha256sum");
        }
        tokenSha256 = tokenSha256.toLowerCase(Locale.ROOT);
        databaseUsers = databaseUsers == null ? List.of() : List.copyOf(databaseUsers);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
