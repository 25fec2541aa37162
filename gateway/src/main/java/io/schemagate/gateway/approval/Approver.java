package io.schemagate.gateway.approval;

import java.util.Set;

/**
 * An authenticated person acting on change requests.
 *
 * @param name          the identity's name from the configuration (bearer tokens map to it)
 * @param groups        approver groups the policy puts this identity in
 * @param databaseUsers database users that are this same person; a change requested by any of them
 *                      is their own, which they may not approve
 */
public record Approver(String name, Set<String> groups, Set<String> databaseUsers) {
    public Approver {
        groups = Set.copyOf(groups);
        databaseUsers = Set.copyOf(databaseUsers);
    }

    boolean isRequesterOf(ChangeRequest r) {
        return name.equals(r.requester()) || databaseUsers.contains(r.requester());
    }
}
