package io.schemagate.gateway.admin;

import io.schemagate.config.IdentityConfig;
import io.schemagate.gateway.approval.Approver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps a bearer token to a named identity. Tokens are compared as SHA-256 digests in constant time,
 * so neither the configuration nor the timing of a refusal gives a token away.
 */
public final class Authenticator {

    private final List<IdentityConfig> identities;
    private final Function<String, Set<String>> policyGroups;

    /**
     * @param policyGroups approver groups the policy file gives an identity name (may be empty)
     */
    public Authenticator(List<IdentityConfig> identities, Function<String, Set<String>> policyGroups) {
        this.identities = List.copyOf(identities);
        this.policyGroups = policyGroups;
    }

    /** The identity for an {@code Authorization} header value, if it carries a known bearer token. */
    public Optional<Approver> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorizationHeader.substring(7).trim());
        IdentityConfig match = null;
        for (IdentityConfig id : identities) {
            // Every identity is compared, so the time taken does not say which one came close.
            if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(id.tokenSha256()))) {
                match = id;
            }
        }
        if (match == null) {
            return Optional.empty();
        }
        Set<String> groups = new HashSet<>(match.groups());
        groups.addAll(policyGroups.apply(match.name()));
        return Optional.of(new Approver(match.name(), groups, Set.copyOf(match.databaseUsers())));
    }

    public boolean hasIdentities() {
        return !identities.isEmpty();
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
